-- Headless Neovim test of editors/nvim against the real server (run by test/run.sh, which sets
-- CONNECTOR_LS_SERVER, CONNECTOR_LS_FILE and CONNECTOR_LS_OUT). Uses the module exactly as a user
-- would (setup + open the file), then checks diagnostics, completion, the quick fix and the
-- workspace check. Writes one line per check and a closing "N passed, N failed" to the out file.
local out = assert(io.open(os.getenv("CONNECTOR_LS_OUT"), "w"))
local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out:write("ok     " .. name .. "\n")
  else
    failed = failed + 1
    out:write("FAILED " .. name .. (detail ~= nil and ("\n       " .. vim.inspect(detail):gsub("\n", "\n       ")) or "") .. "\n")
  end
  out:flush()
end

local function finish()
  out:write(string.format("nvim %s: %d passed, %d failed\n", tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch, passed, failed))
  out:close()
  vim.cmd(failed == 0 and "qa!" or "cquit 1")
end

local ok, err = pcall(function()
  -- Neovim 0.7 has no dynamic registration of file watchers: the server must not ask (0.7 logs a
  -- warning when it does) and must read the package again on save instead.
  local registrations = 0
  local register = vim.lsp.handlers["client/registerCapability"]
  vim.lsp.handlers["client/registerCapability"] = function(...)
    registrations = registrations + 1
    if register then return register(...) end
    return vim.NIL
  end
  local cls = require("connector_ls")
  cls.setup({
    cmd = { os.getenv("CONNECTOR_LS_SERVER"), "serve" },
    settings = { connectorLs = { debounceMs = 0, severity = { UnknownExtension = "error" } } },
  })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("CONNECTOR_LS_FILE")))
  local bufnr = vim.api.nvim_get_current_buf()
  local original = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  check("vim.lsp.start is " .. (vim.lsp.start and "used (>= 0.8)" or "absent: start_client fallback (0.7)"), true)

  local function client()
    return cls.client(bufnr)
  end
  check("the client attaches to the swagger buffer", vim.wait(10000, function() return client() ~= nil end, 20))

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function find(code, lnum, pred)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if code_of(d) == code and d.lnum == lnum and (pred == nil or pred(d)) then
        return d
      end
    end
  end
  local function summary(d)
    return { lnum = d.lnum, col = d.col, code = code_of(d), severity = d.severity, message = d.message }
  end
  local function all()
    return vim.tbl_map(summary, vim.diagnostic.get(bufnr))
  end

  -- Diagnostics (0-based lines: line 30 of the file is lnum 29).
  vim.wait(20000, function()
    return find("RequiredPropertyMissing", 29) ~= nil and find("UnknownExtension", 27) ~= nil
  end, 20)
  local missing = find("RequiredPropertyMissing", 29)
  check("RequiredPropertyMissing on line 30 (the parameter without x-ms-summary), an error as in the pipeline",
    missing and missing.col == 10 and missing.message == "The 'x-ms-summary' property is required."
      and missing.severity == vim.diagnostic.severity.ERROR, all())
  check("RequiredPropertyMissing x-ms-connector-metadata on line 1", find("RequiredPropertyMissing", 0), all())
  local unknown = find("UnknownExtension", 27)
  check("UnknownExtension on line 28 is an error (settings.connectorLs.severity)",
    unknown and unknown.col == 8 and unknown.severity == vim.diagnostic.severity.ERROR, all())
  -- The package's own findings (no icon.png, no readme.md) show at the start of the swagger.
  check("IconMissing and ReadmeMissing of the package on line 1",
    find("IconMissing", 0) and find("ReadmeMissing", 0), all())
  check("exactly five diagnostics", #vim.diagnostic.get(bufnr) == 5, all())

  -- Completion after typing `"x-ms-` as a new key of the parameter (after line 35).
  local l35 = vim.api.nvim_buf_get_lines(bufnr, 34, 35, false)[1]
  vim.api.nvim_buf_set_lines(bufnr, 34, 35, false, { l35 .. ",", '            "x-ms-' })
  local uri = vim.uri_from_bufnr(bufnr)
  local res = vim.lsp.buf_request_sync(bufnr, "textDocument/completion",
    { textDocument = { uri = uri }, position = { line = 35, character = 18 } }, 10000) or {}
  local item
  for _, r in pairs(res) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, i in ipairs(items) do
      if i.label == "x-ms-summary" then item = i end
    end
  end
  local docs = item and item.documentation
  docs = type(docs) == "table" and docs.value or docs
  check("completion after \"x-ms- offers x-ms-summary", item ~= nil, res)
  check("x-ms-summary comes with its documentation", type(docs) == "string" and #docs > 20, docs)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, original)

  -- Code action on the missing-x-ms-summary diagnostic, applied to the buffer.
  vim.wait(10000, function()
    local d = find("RequiredPropertyMissing", 29)
    return d ~= nil and #vim.diagnostic.get(bufnr) == 3
  end, 20)
  missing = find("RequiredPropertyMissing", 29)
  -- What Neovim's own code_action sends: the diagnostic back in LSP shape (0.7 keeps only code,
  -- codeDescription and data in user_data.lsp).
  local lsp_diag = missing and vim.tbl_extend("force", missing.user_data and missing.user_data.lsp or {}, {
    range = { start = { line = missing.lnum, character = missing.col },
      ["end"] = { line = missing.end_lnum, character = missing.end_col } },
    message = missing.message,
    severity = missing.severity,
    source = missing.source,
    code = code_of(missing),
  })
  local ca = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = lsp_diag and lsp_diag.range or { start = { line = 29, character = 10 }, ["end"] = { line = 29, character = 11 } },
    context = { diagnostics = { lsp_diag }, only = { "quickfix" } },
  }, 10000) or {}
  local action, titles = nil, {}
  for _, r in pairs(ca) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if a.title == 'Add `x-ms-summary` "Page Size"' then action = a end
    end
  end
  check('code actions offer Add `x-ms-summary` "Page Size"', action ~= nil, { titles = titles, response = ca, diag = lsp_diag })
  if action then
    check("the fix is a quickfix tied to the diagnostic", action.kind == "quickfix", action.kind)
    vim.lsp.util.apply_workspace_edit(action.edit, client().offset_encoding or "utf-16")
    local lines = vim.api.nvim_buf_get_lines(bufnr, 29, 33, false)
    check("the buffer gets \"x-ms-summary\": \"Page Size\" after the name", vim.deep_equal(lines, {
      "          {",
      '            "name": "page_size",',
      '            "x-ms-summary": "Page Size",',
      '            "in": "query",',
    }), lines)
    vim.wait(10000, function()
      return find("RequiredPropertyMissing", 29) == nil and #vim.diagnostic.get(bufnr) == 4
    end, 20)
    check("the diagnostic is gone after the fix", find("RequiredPropertyMissing", 29) == nil and #vim.diagnostic.get(bufnr) == 4, all())
  end

  -- :ConnectorLsFixAll applies the safe fixes (the misspelt extension is renamed).
  vim.cmd("ConnectorLsFixAll")
  local l28 = vim.api.nvim_buf_get_lines(bufnr, 27, 28, false)[1]
  check("ConnectorLsFixAll renames x-ms-visibilty to x-ms-visibility", l28 == '        "x-ms-visibility": "important",', l28)

  -- The workspace check command through the module.
  local result, done = nil, false
  cls.check_workspace(function(e, r)
    result, done = r, true
    if e then result = e end
  end)
  vim.wait(20000, function() return done end, 20)
  check("check_workspace reports 1 package and 2 files", result and result.packages == 1 and result.files == 2, result)

  -- The preview: the server's page of the open buffer's connector, in a temporary file.
  local preview_path, preview_done
  cls.preview(function(e, p)
    preview_path, preview_done = p or e, true
  end)
  vim.wait(20000, function() return preview_done end, 20)
  local page = type(preview_path) == "string" and table.concat(vim.fn.readfile(preview_path), "\n") or ""
  check("preview writes the page with the connector's title and operation",
    page:find("<h1[^>]*>Contoso Items</h1>") ~= nil and page:find("List items", 1, true) ~= nil, preview_path)

  -- :ConnectorLsValidatorOutput reads a register and shows it with source "validator".
  vim.fn.setreg("v", "CI log\n##[error]The 'x-ms-connector-metadata' property is required.\n##[warning]Pasted check ValuePath: /info/title\n")
  vim.cmd("ConnectorLsValidatorOutput v")
  local function validator_diags()
    return vim.tbl_filter(function(d) return d.source == "validator" end, vim.diagnostic.get(bufnr))
  end
  vim.wait(10000, function() return #validator_diags() == 2 end, 20)
  local vds = validator_diags()
  table.sort(vds, function(a, b) return a.lnum < b.lnum end)
  check("ConnectorLsValidatorOutput v shows two validator diagnostics, on lines 1 and 4",
    #vds == 2 and vds[1].lnum == 0 and vds[2].lnum == 3, vim.tbl_map(summary, vds))
  -- Editing line 4 drops the diagnostic on it; the other stays.
  vim.api.nvim_buf_set_lines(bufnr, 3, 4, false, { '    "title": "Contoso Things",' })
  vim.wait(10000, function() return #validator_diags() == 1 end, 20)
  local left = validator_diags()
  check("editing its line drops that validator diagnostic only", #left == 1 and left[1].lnum == 0, vim.tbl_map(summary, left))

  -- A readme written by another program is read when the buffer is saved (no watchers).
  check("no client/registerCapability request (dynamicRegistration is false)", registrations == 0, registrations)
  local readme = assert(io.open(vim.fn.fnamemodify(os.getenv("CONNECTOR_LS_FILE"), ":h") .. "/readme.md", "w"))
  readme:write("# Contoso Things\n")
  readme:close()
  check("ReadmeMissing before the save", find("ReadmeMissing", 0) ~= nil, all())
  vim.cmd("silent write")
  vim.wait(10000, function() return find("ReadmeMissing", 0) == nil end, 20)
  check("after :write the readme on disk is read: ReadmeMissing is gone", find("ReadmeMissing", 0) == nil, all())

  vim.lsp.stop_client(client().id)
end)
if not ok then
  check("the test ran to the end", false, err)
end
finish()
