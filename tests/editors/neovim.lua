-- Drives Neovim's built-in LSP client (0.7 or newer) against `tonelint server`: opens a mail
-- draft, waits for the diagnostics, applies the code action for the RTFM finding and waits for that
-- diagnostic to go. Writes what it saw, one line each, to $RESULT; then quits.
--
--   TONELINT=target/debug/tonelint DRAFT=draft.eml RESULT=out.txt \
--     nvim --headless -u NONE -i NONE -n -c 'luafile tests/editors/neovim.lua'
local lines = {}
local function say(text) table.insert(lines, text) end
local function finish()
  vim.fn.writefile(lines, os.getenv("RESULT"))
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("DRAFT")))
  vim.bo.filetype = "mail"
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "tonelint",
    cmd = { os.getenv("TONELINT"), "server" },
    root_dir = vim.fn.getcwd(),
  })
  vim.lsp.buf_attach_client(buf, client)

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(out, d.code) end
    table.sort(out)
    return out
  end
  local function has(code)
    for _, c in ipairs(codes()) do if c == code then return true end end
    return false
  end

  if not vim.wait(20000, function() return has("condescension/rtfm") end, 50) then
    say("timeout: no diagnostics")
    return
  end
  for _, c in ipairs(codes()) do say("diagnostic " .. c) end

  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "condescension/rtfm" then target = d end
  end
  say("at " .. target.lnum .. ":" .. target.col)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = target.lnum, character = target.col },
      ["end"] = { line = target.end_lnum, character = target.end_col },
    },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local chosen
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      say("action " .. action.title)
      if not chosen and action.kind == "quickfix" and action.title:find("condescension/rtfm", 1, true) then
        chosen = action
      end
    end
  end
  if not chosen then
    say("no code action for rtfm")
    return
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  say("applied " .. chosen.title)
  if vim.wait(20000, function() return not has("condescension/rtfm") end, 50) then
    say("rtfm gone")
  else
    say("rtfm still there")
  end
  for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do say("line " .. l) end
end)
if not ok then say("error " .. tostring(err)) end
finish()
