//! What to use instead of keywords HAProxy removed or deprecated.

/// The replacement advice for a removed or deprecated keyword.
pub fn replacement(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "nbproc" => {
            "use threads: `nbthread` (HAProxy starts one thread per CPU by default since 2.5)"
        }
        "bind-process" | "process" => {
            "use threads; `bind ... thread <set>` pins a listener to threads"
        }
        "reqadd" => "use `http-request add-header`",
        "reqdel" | "reqidel" => "use `http-request del-header`",
        "reqrep" | "reqirep" => "use `http-request replace-header` or `http-request replace-uri`",
        "reqallow" | "reqiallow" | "reqpass" | "reqipass" => "use `http-request allow`",
        "reqdeny" | "reqideny" | "block" => "use `http-request deny` (same condition syntax)",
        "reqtarpit" | "reqitarpit" => "use `http-request tarpit`",
        "reqsetbe" | "reqisetbe" => "use `use_backend <name> if <condition>`",
        "rspadd" => "use `http-response add-header`",
        "rspdel" | "rspidel" => "use `http-response del-header`",
        "rsprep" | "rspirep" => "use `http-response replace-header`",
        "rspdeny" | "rspideny" => "use `http-response deny`",
        "redispatch" | "redisp" => "use `option redispatch`",
        "contimeout" | "timeout contimeout" => "use `timeout connect`",
        "clitimeout" | "timeout clitimeout" => "use `timeout client`",
        "srvtimeout" | "timeout srvtimeout" => "use `timeout server`",
        "monitor-net" => "use `http-request return status 200 if { src <network> }`",
        "option http-tunnel" => "remove it: HAProxy handles tunnels by itself",
        "option independant-streams" => "use `option independent-streams`",
        "option http-use-htx" => "remove it: HTX is the only HTTP engine since 2.1",
        "appsession" => "use a `stick-table` with `stick on` rules",
        "tune.ssl.capture-cipherlist-size" => "use `tune.ssl.capture-buffer-size`",
        "tune.chksize" => "remove it: it has had no effect since 1.6",
        "dispatch" => "use a backend with a `server` line",
        "transparent" | "option transparent" => {
            "use `option transparent` on older versions or `source ... usesrc`"
        }
        "program" => "start the program with a service manager instead",
        "ssl-engine" => "remove it: OpenSSL engines are gone since OpenSSL 3",
        _ => return None,
    })
}
