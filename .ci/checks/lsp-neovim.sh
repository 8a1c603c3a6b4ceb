#!/usr/bin/env bash
# End-to-end check of `pipec lsp` in a real editor: headless Neovim opens a
# spec with a typo, must receive the diagnostic (with its did-you-mean) and
# a completion list inside an environment block.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v nvim >/dev/null; then
  apt-get update -qq && apt-get install -y -qq neovim >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/pipec" ./cmd/pipec

mkdir "$work/spec"
cat >"$work/spec/pipec.hcl" <<'HCL'
pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}

environment "staging" {
  namespce = "staging"
}

environment "production" {
  after = environment.staging

}
HCL

cat >"$work/test.lua" <<'LUA'
local out = assert(io.open(os.getenv("OUT"), "w"))
local function say(...) out:write(table.concat({...}, " "), "\n") out:flush() end
local config = { name = "pipec", cmd = { os.getenv("PIPEC"), "lsp" }, root_dir = os.getenv("SPEC") }
vim.cmd("edit " .. os.getenv("SPEC") .. "/pipec.hcl")
local id
if vim.lsp.start then
  id = vim.lsp.start(config) -- Neovim >= 0.8
else
  id = vim.lsp.start_client(config) -- Debian bookworm ships 0.7
  vim.lsp.buf_attach_client(0, id)
end
local got = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  say("DIAG", tostring(d.lnum + 1), tostring(d.code or ""), (d.message:gsub("\n", " ")))
end
if not got then say("NO-DIAGNOSTICS") end
-- Line 14 (0-based 13) is the empty line inside environment "production".
local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 13, character = 2 } }
local res = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 15000) or {}
for _, r in pairs(res) do
  local items = r.result and (r.result.items or r.result) or {}
  for _, it in ipairs(items) do say("ITEM", it.label) end
  if r.err then say("ERROR", vim.inspect(r.err)) end
end
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
out:close()
vim.cmd("qa!")
LUA

OUT="$work/out.txt" PIPEC="$work/pipec" SPEC="$work/spec" \
  timeout 60 nvim --headless --clean -c "luafile $work/test.lua" >/dev/null 2>&1 || true

cat "$work/out.txt" 2>/dev/null || true
fail=0
grep -q '^DIAG 9 PC0002 .*Did you mean "namespace"' "$work/out.txt" || { echo "lsp-neovim: missing the typo diagnostic on line 9" >&2; fail=1; }
grep -q '^ITEM approval$' "$work/out.txt" || { echo "lsp-neovim: missing completion item approval" >&2; fail=1; }
grep -q '^ITEM canary$' "$work/out.txt" || { echo "lsp-neovim: missing completion item canary" >&2; fail=1; }
exit $fail
