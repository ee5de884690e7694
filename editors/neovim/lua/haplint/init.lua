-- haplint for Neovim: starts `haplint server` for HAProxy buffers.
--
--   require('haplint').setup({
--     cmd = { 'haplint', 'server' },       -- the default
--     settings = { targetVersion = '2.8' }, -- sent as initializationOptions
--   })
--
-- Works on Neovim 0.7 (vim.lsp.start_client) and 0.8 and later
-- (vim.lsp.start, which also reuses a running client for the same root).

local M = {}

local defaults = {
  cmd = { 'haplint', 'server' },
  filetypes = { 'haproxy' },
  -- Files that mark the root of a configuration tree.
  root_markers = { 'haplint.toml', '.git' },
  settings = {},
}

-- The nearest parent directory of `path` holding a root marker, or the
-- file's own directory.
local function root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local current = dir
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(current .. '/' .. marker) then
        return current
      end
    end
    local parent = vim.fn.fnamemodify(current, ':h')
    if parent == current then
      return dir
    end
    current = parent
  end
end

-- Neovim 0.7 has no vim.lsp.start: keep one client per root by hand.
local clients_by_root = {}

local function attach(config, bufnr)
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr), config.root_markers)
  local client_config = {
    name = 'haplint',
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') },
    },
    init_options = config.settings,
    settings = { haplint = config.settings },
  }
  if vim.lsp.start then
    vim.lsp.start(client_config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(client_config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(options)
  local config = vim.tbl_deep_extend('force', defaults, options or {})
  local group = vim.api.nvim_create_augroup('haplint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(event)
      attach(config, event.buf)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      attach(config, bufnr)
    end
  end
end

return M
