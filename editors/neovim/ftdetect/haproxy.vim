" HAProxy configuration files: haproxy.cfg, haproxy-edge.cfg, and any
" *.cfg under a haproxy/ directory (/etc/haproxy/conf.d/10-web.cfg).
" `set` rather than `setfiletype`: the generic `cfg` type claims *.cfg first.
autocmd BufRead,BufNewFile haproxy*.cfg,*/haproxy/*.cfg,*/haproxy/**/*.cfg set filetype=haproxy
