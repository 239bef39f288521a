package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/assets/digits"
)

// testSite is a site with small stand-ins for the real files.
func testSite(t *testing.T) *site {
	t.Helper()
	s, err := newSite(map[string][]byte{
		indexName: []byte("<!DOCTYPE html><title>x</title>"),
		execName:  []byte("// glue"),
		wasmName:  bytes.Repeat([]byte("\x00asm wasm bytes "), 4096),
	})
	require.NoError(t, err)
	return s
}

func get(t *testing.T, s *site, method, target string, header map[string]string) *http.Response {
	t.Helper()
	// The target goes in as the raw request line, so escapes and dot
	// segments reach the handler as a hostile client would send them.
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Result()
}

func TestServesWasmWithTypeAndGzip(t *testing.T) {
	s := testSite(t)
	resp := get(t, s, "GET", "/boltzlab.wasm", map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
	zr, err := gzip.NewReader(resp.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, s.files[wasmName].data, body)
	assert.Less(t, len(s.files[wasmName].gz), len(body)/4, "repetitive bytes compress well")

	// Without gzip in Accept-Encoding, or with it refused, the bytes go
	// out as they are.
	for _, ae := range []string{"", "identity", "gzip;q=0", "br", "*;q=0"} {
		resp := get(t, s, "GET", "/boltzlab.wasm", map[string]string{"Accept-Encoding": ae})
		require.Equal(t, http.StatusOK, resp.StatusCode, ae)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), ae)
		body, _ := io.ReadAll(resp.Body)
		assert.Equal(t, s.files[wasmName].data, body, ae)
	}
}

func TestIndexAndTypes(t *testing.T) {
	s := testSite(t)
	for target, ctype := range map[string]string{
		"/":                  "text/html; charset=utf-8",
		"/index.html":        "text/html; charset=utf-8",
		"/wasm_exec.js":      "text/javascript; charset=utf-8",
		"/?x=1#scene=recall": "text/html; charset=utf-8",
	} {
		resp := get(t, s, "GET", target, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, target)
		assert.Equal(t, ctype, resp.Header.Get("Content-Type"), target)
		assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), target)
	}
}

// Nothing outside the site's own files is served, however the path is
// spelled.
func TestServesNothingElse(t *testing.T) {
	s := testSite(t)
	for _, target := range []string{
		"/go.mod", "/../go.mod", "/%2e%2e/go.mod", "/..%2fgo.mod", "/cmd/boltzweb/main.go",
		"/index.html/", "//etc/passwd", "/./index.html", "/INDEX.HTML", "/boltzlab.wasm.gz",
		"/assets/web/index.html", "/%00",
	} {
		resp := get(t, s, "GET", target, nil)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, target)
	}
	resp := get(t, s, "POST", "/", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

func TestHeadAndConditional(t *testing.T) {
	s := testSite(t)
	resp := get(t, s, "HEAD", "/boltzlab.wasm", map[string]string{"Accept-Encoding": "gzip"})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	assert.Empty(t, body)
	assert.Equal(t, len(s.files[wasmName].gz), int(resp.ContentLength))

	tag := resp.Header.Get("ETag")
	require.NotEmpty(t, tag)
	resp = get(t, s, "GET", "/boltzlab.wasm", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": tag})
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)
	// The uncompressed form has a different tag, so it is sent in full.
	resp = get(t, s, "GET", "/boltzlab.wasm", map[string]string{"If-None-Match": tag})
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                      false,
		"gzip":                  true,
		"GZIP":                  true,
		"gzip, deflate, br":     true,
		"deflate, gzip;q=1.0":   true,
		"gzip;q=0":              false,
		"gzip; q=0.000":         false,
		"*":                     true,
		"*;q=0":                 false,
		"*, gzip;q=0":           false,
		"br;q=1, *;q=0.1":       true,
		"x-gzip":                true,
		"gzip;q=bogus":          false,
		"identity;q=1, *;q=0.5": true,
	} {
		assert.Equal(t, want, acceptsGzip(header), "%q", header)
	}
}

func TestWriteSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string][]byte{indexName: []byte("page"), execName: []byte("glue"), wasmName: []byte("prog")}
	require.NoError(t, writeSite(dir, files))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.Equal(t, []string{wasmName, indexName, execName}, got)
	b, err := os.ReadFile(filepath.Join(dir, wasmName))
	require.NoError(t, err)
	assert.Equal(t, "prog", string(b))
}

func TestParseArgs(t *testing.T) {
	var sink strings.Builder
	c, err := parseArgs(nil, &sink)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", c.addr, "loopback unless told otherwise")
	c, err = parseArgs([]string{"-out", "site"}, &sink)
	require.NoError(t, err)
	assert.Equal(t, "site", c.out)
	_, err = parseArgs([]string{"stray"}, &sink)
	assert.Error(t, err)
	_, err = parseArgs([]string{"-bogus"}, &sink)
	assert.Error(t, err)
}

// The real page is embedded and names the files the site provides.
func TestPageLoadsTheSiteFiles(t *testing.T) {
	files, err := pageFiles()
	require.NoError(t, err)
	page, boot := string(files[indexName]), string(files["boot.js"])
	assert.Contains(t, page, `<script src="boot.js"></script>`)
	assert.Contains(t, page, `<link rel="stylesheet" href="style.css">`)
	assert.Contains(t, boot, `"wasm_exec.js"`)
	assert.Contains(t, boot, `"boltzlab.wasm"`)
	assert.Contains(t, boot, "WebGL is not available")
	assert.Contains(t, boot, "WebAssembly is not available")
	assert.Contains(t, string(files["style.css"]), "#status")
	_, err = newSite(files)
	require.NoError(t, err, "every page file has a content type")
}

// -budget checks the size of what the server sends and fails past it.
func TestBudget(t *testing.T) {
	_, err := parseArgs([]string{"-budget", "-1"}, io.Discard)
	assert.Error(t, err)
	c, err := parseArgs([]string{"-budget", "100", "-addr", "not an address"}, io.Discard)
	require.NoError(t, err, "with -budget nothing is served, so -addr is not checked")
	assert.Equal(t, 100, c.budget)

	files, err := pageFiles()
	require.NoError(t, err)
	files[execName] = []byte("// wasm_exec")
	files[wasmName] = bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7}, 1000)
	var out bytes.Buffer
	assert.Equal(t, 0, checkBudget(files, 1000, &out), out.String())
	assert.Equal(t, 1, checkBudget(files, 10, &out), "a budget of ten bytes is exceeded")
	assert.Contains(t, out.String(), "over the budget")
}

// The Digits scene's data files are part of the site, served as bytes
// (gzip-compressed on request) under the names the scene fetches, and the
// Content-Security-Policy lets the page fetch from its own site.
func TestServesDigitFiles(t *testing.T) {
	setBytes, modelBytes := digits.Embedded()
	s, err := newSite(map[string][]byte{indexName: []byte("page"), digits.SetFile: setBytes, digits.ModelFile: modelBytes})
	require.NoError(t, err)
	for name, want := range map[string][]byte{digits.SetFile: setBytes, digits.ModelFile: modelBytes} {
		resp := get(t, s, "GET", "/"+name, map[string]string{"Accept-Encoding": "gzip"})
		require.Equal(t, http.StatusOK, resp.StatusCode, name)
		assert.Equal(t, "application/octet-stream", resp.Header.Get("Content-Type"))
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "connect-src 'self'")
		zr, err := gzip.NewReader(resp.Body)
		require.NoError(t, err)
		body, err := io.ReadAll(zr)
		require.NoError(t, err)
		assert.Equal(t, want, body, name)
	}
	_, err = digits.Decode(setBytes)
	assert.NoError(t, err)
}
