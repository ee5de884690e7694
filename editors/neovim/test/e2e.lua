-- Headless end-to-end test: `nvim --headless -u NONE -c 'luafile test/e2e.lua'`
-- with HAPLINT_BIN (the server binary), HAPLINT_REPO (this repository) and
-- HAPLINT_E2E_DIR (a scratch directory) in the environment.
--
-- It copies test-corpus/showcase/production.cfg to SCRATCH/etc/haproxy/,
-- so that the plugin's filetype detection has to recognise it, opens it,
-- and waits for the diagnostics haplint's command line reports for it.

local repo = os.getenv('HAPLINT_REPO')
local scratch = os.getenv('HAPLINT_E2E_DIR')
local binary = os.getenv('HAPLINT_BIN')

local function fail(message)
  io.stderr:write('neovim e2e: FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

if not (repo and scratch and binary) then
  fail('set HAPLINT_REPO, HAPLINT_E2E_DIR and HAPLINT_BIN')
end

vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
vim.cmd('filetype on')
vim.cmd('runtime! ftdetect/*.vim')
require('haplint').setup({ cmd = { binary, 'server' } })

local dir = scratch .. '/etc/haproxy'
vim.fn.mkdir(dir, 'p')
local config = dir .. '/production.cfg'
vim.fn.writefile(vim.fn.readfile(repo .. '/test-corpus/showcase/production.cfg', 'b'), config, 'b')

vim.cmd('edit ' .. vim.fn.fnameescape(config))
if vim.bo.filetype ~= 'haproxy' then
  fail('filetype is "' .. vim.bo.filetype .. '", not haproxy')
end

-- Lines (1-based) and a word of the message, from production.expected.
local expected = {
  { line = 9, text = 'nbproc' },
  { line = 32, text = 'tune.bufsize' },
  { line = 48, text = 'be_statc' },
  { line = 60, text = 'api1' },
}

local bufnr = vim.api.nvim_get_current_buf()
local function found_all()
  local diagnostics = vim.diagnostic.get(bufnr)
  for _, want in ipairs(expected) do
    local seen = false
    for _, diagnostic in ipairs(diagnostics) do
      if diagnostic.lnum + 1 == want.line and diagnostic.message:find(want.text, 1, true) then
        seen = true
      end
    end
    if not seen then
      return false
    end
  end
  return true
end

if not vim.wait(30000, found_all, 100) then
  local got = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(got, (diagnostic.lnum + 1) .. ': ' .. diagnostic.message)
  end
  fail('expected diagnostics did not arrive within 30 s; got:\n  ' .. table.concat(got, '\n  '))
end

local count = #vim.diagnostic.get(bufnr)
local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
if #clients ~= 1 or clients[1].name ~= 'haplint' then
  fail('expected one haplint client, got ' .. #clients)
end
io.stdout:write(string.format('neovim e2e: ok: %d diagnostics from haplint server (Neovim %s)\n',
  count, tostring(vim.version().major) .. '.' .. tostring(vim.version().minor)))
vim.cmd('qall!')
