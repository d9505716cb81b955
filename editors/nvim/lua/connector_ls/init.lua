-- connector-ls for Neovim: starts `connector-ls serve` for the files of Power Platform
-- custom-connector packages (apiDefinition.swagger.json, apiProperties.json, settings.json).
--
--   require("connector_ls").setup({
--     cmd = { "connector-ls", "serve" },          -- or an absolute path to the binary
--     settings = { connectorLs = { certification = true, severity = { UnknownExtension = "error" } } },
--   })
--
-- Neovim >= 0.8 uses vim.lsp.start (one client per root, reused); 0.7 falls back to
-- vim.lsp.start_client + vim.lsp.buf_attach_client with the same reuse done here.
local M = {}

M.FIX_ALL_KIND = "source.fixAll.connector-ls"
M.CHECK_WORKSPACE = "connector-ls.checkWorkspace"
M.SHOW_VALIDATOR_OUTPUT = "connector-ls.showValidatorOutput"
M.PREVIEW = "connector-ls.preview"

M.defaults = {
  name = "connector-ls",
  cmd = { "connector-ls", "serve" },
  -- File names (autocmd patterns) the server handles; add your own with `extra_patterns`.
  patterns = { "apiDefinition.swagger.json", "apiProperties.json", "settings.json" },
  extra_patterns = {},
  -- The workspace root: the nearest folder above the file holding one of these, else the file's folder.
  root_markers = { ".git", ".connector-ls" },
  -- `connectorLs` is sent as initializationOptions and answers workspace/configuration.
  settings = { connectorLs = {} },
  capabilities = nil,
  on_attach = nil,
  -- Define :ConnectorLsCheckWorkspace, :ConnectorLsFixAll, :ConnectorLsValidatorOutput and
  -- :ConnectorLsPreview.
  commands = true,
}

M.config = nil
local clients_by_root = {} -- 0.7 only: root_dir -> client id

local function is_editor_settings(path)
  return path:match("/%.vscode/[^/]*$") ~= nil or path:match("/%.nvim/[^/]*$") ~= nil
end

local function find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local home = vim.loop.os_homedir()
  local cur = dir
  while cur and cur ~= "" do
    for _, m in ipairs(markers) do
      if vim.loop.fs_stat(cur .. "/" .. m) then
        return cur
      end
    end
    local parent = vim.fn.fnamemodify(cur, ":h")
    if parent == cur or cur == home then
      break
    end
    cur = parent
  end
  return dir
end

local function client_config(root_dir)
  local cfg = M.config
  local settings = cfg.settings or {}
  return {
    name = cfg.name,
    cmd = cfg.cmd,
    root_dir = root_dir,
    workspace_folders = { { uri = vim.uri_from_fname(root_dir), name = vim.fn.fnamemodify(root_dir, ":t") } },
    init_options = settings.connectorLs or vim.empty_dict(),
    settings = settings,
    capabilities = cfg.capabilities or vim.lsp.protocol.make_client_capabilities(),
    on_attach = cfg.on_attach,
    -- The server debounces itself (connectorLs.debounceMs); send edits at once.
    flags = { debounce_text_changes = 0 },
    on_init = function(client)
      -- Older servers read settings only through didChangeConfiguration.
      client.notify("workspace/didChangeConfiguration", { settings = settings })
    end,
  }
end

--- Starts (or reuses) the client for `bufnr` and attaches it. Returns the client id.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.config then
    M.config = vim.deepcopy(M.defaults)
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" or is_editor_settings(path) then
    return nil
  end
  local root = find_root(path, M.config.root_markers)
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.get_client_by_id(id).is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    if not id then
      vim.notify("connector-ls: could not start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The connector-ls client attached to `bufnr` (or any running one).
function M.client(bufnr)
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == M.config.name and (bufnr == nil or vim.lsp.buf_is_attached(bufnr, c.id)) then
      return c
    end
  end
  return nil
end

--- Runs the server's workspace check; `callback(err, result)` gets {packages, files, errors, warnings}.
function M.check_workspace(callback)
  local c = M.client(vim.api.nvim_get_current_buf()) or M.client()
  if not c then
    vim.notify("connector-ls is not running", vim.log.levels.WARN)
    return
  end
  local folders = {}
  for _, f in ipairs(c.workspace_folders or {}) do
    table.insert(folders, f.uri)
  end
  c.request("workspace/executeCommand", { command = M.CHECK_WORKSPACE, arguments = folders }, function(err, result)
    if callback then
      return callback(err, result)
    end
    if err then
      vim.notify("connector-ls: " .. tostring(err.message or err), vim.log.levels.ERROR)
    elseif result then
      vim.notify(string.format("connector-ls: %d package(s), %d file(s): %d error(s), %d warning(s)",
        result.packages, result.files, result.errors, result.warnings))
    end
  end)
end

--- Shows pasted validator output (PR pipeline `##[error]` lines, paconn's error, coded lines) as
--- diagnostics with source "validator" at the places it means in the current buffer's connector,
--- until their lines are edited. `callback(err, result)` gets {entries, placed, unplaced}.
function M.show_validator_output(text, callback)
  local bufnr = vim.api.nvim_get_current_buf()
  local c = M.client(bufnr) or M.client()
  if not c then
    vim.notify("connector-ls is not running", vim.log.levels.WARN)
    return
  end
  local args = { text }
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name ~= "" then
    table.insert(args, vim.uri_from_fname(name))
  end
  c.request("workspace/executeCommand", { command = M.SHOW_VALIDATOR_OUTPUT, arguments = args }, function(err, result)
    if callback then
      return callback(err, result)
    end
    if err then
      vim.notify("connector-ls: " .. tostring(err.message or err), vim.log.levels.ERROR)
    elseif result then
      local msg = string.format("connector-ls: %d of %d validator line(s) placed", result.placed, result.entries)
      for _, u in ipairs(result.unplaced or {}) do
        msg = msg .. string.format("\n  line %d not placed: %s (%s)", u.line, u.text, u.reason)
      end
      vim.notify(msg, #(result.unplaced or {}) > 0 and vim.log.levels.WARN or vim.log.levels.INFO)
    end
  end)
end

--- Writes the designer preview of the current buffer's connector (the server's
--- `connector-ls.preview`, from the open buffers) to a new temporary .html file and opens it with
--- vim.ui.open when Neovim has it (0.10+); `callback(err, path)` gets the file instead.
function M.preview(callback)
  local bufnr = vim.api.nvim_get_current_buf()
  local c = M.client(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if not c or name == "" then
    vim.notify("connector-ls: open a file of a connector to preview it", vim.log.levels.WARN)
    return
  end
  local arg = { uri = vim.uri_from_fname(name), include = { "title", "html" } }
  c.request("workspace/executeCommand", { command = M.PREVIEW, arguments = { arg } }, function(err, result)
    local path
    if not err and result and type(result.html) == "string" then
      -- A file name of our choosing: nothing from the connector picks it.
      path = vim.fn.tempname() .. "-connector-preview.html"
      local f = io.open(path, "w")
      if f then
        f:write(result.html)
        f:close()
      else
        err, path = { message = "cannot write " .. path }, nil
      end
    end
    if callback then
      return callback(err, path)
    end
    if err or not path then
      vim.notify("connector-ls: " .. tostring(err and (err.message or err) or "no preview"), vim.log.levels.ERROR)
    elseif vim.ui and vim.ui.open then
      vim.ui.open(path)
    else
      vim.notify("connector-ls: preview written to " .. path)
    end
  end)
end

--- The text of register `reg` (default `+`, the system clipboard; `"` when that is empty or
--- there is no clipboard provider).
function M.register_text(reg)
  if reg ~= nil and reg ~= "" then
    return vim.fn.getreg(reg)
  end
  local ok, clip = pcall(vim.fn.getreg, "+")
  if ok and type(clip) == "string" and clip ~= "" then
    return clip
  end
  return vim.fn.getreg('"')
end

--- Applies every safe fix of the current buffer (`source.fixAll.connector-ls`).
function M.fix_all()
  local params = vim.lsp.util.make_range_params()
  local last = vim.api.nvim_buf_line_count(0)
  params.range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } }
  params.context = { only = { M.FIX_ALL_KIND }, diagnostics = {} }
  local results = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 5000) or {}
  for id, res in pairs(results) do
    local c = vim.lsp.get_client_by_id(id)
    for _, action in ipairs(res.result or {}) do
      if action.edit and c then
        vim.lsp.util.apply_workspace_edit(action.edit, c.offset_encoding or "utf-16")
      end
    end
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local patterns = vim.list_extend(vim.deepcopy(M.config.patterns), M.config.extra_patterns or {})
  local group = vim.api.nvim_create_augroup("connector_ls", { clear = true })
  vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
    group = group,
    pattern = patterns,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  if M.config.commands then
    vim.api.nvim_create_user_command("ConnectorLsCheckWorkspace", function()
      M.check_workspace()
    end, { desc = "connector-ls: check every connector under the workspace" })
    vim.api.nvim_create_user_command("ConnectorLsFixAll", function()
      M.fix_all()
    end, { desc = "connector-ls: apply all safe fixes" })
    vim.api.nvim_create_user_command("ConnectorLsValidatorOutput", function(o)
      local text = M.register_text(o.args)
      if text == nil or text == "" then
        vim.notify("connector-ls: the register is empty; yank the validator output first", vim.log.levels.WARN)
        return
      end
      M.show_validator_output(text)
    end, { nargs = "?", desc = "connector-ls: show validator output from a register (default +, then \")" })
    vim.api.nvim_create_user_command("ConnectorLsPreview", function()
      M.preview()
    end, { desc = "connector-ls: the connector as the Power Automate designer shows it, in a browser" })
  end
  -- Buffers opened before setup() ran.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      local name = vim.api.nvim_buf_get_name(b)
      for _, p in ipairs(patterns) do
        if vim.fn.fnamemodify(name, ":t") == p then
          M.attach(b)
          break
        end
      end
    end
  end
end

return M
