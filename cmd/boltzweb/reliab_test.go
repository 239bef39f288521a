package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The policy allows the page, its script and style, the program's
// compilation and fetches to the site, and nothing else.
func TestContentSecurityPolicy(t *testing.T) {
	s := testSite(t)
	for _, target := range []string{"/", "/index.html", "/wasm_exec.js", "/boltzlab.wasm"} {
		resp := get(t, s, "GET", target, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, target)
		assert.Equal(t, contentSecurityPolicy, resp.Header.Get("Content-Security-Policy"), target)
	}
	directives := map[string]string{}
	for _, d := range strings.Split(contentSecurityPolicy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		_, dup := directives[name]
		require.False(t, dup, name)
		directives[name] = value
	}
	assert.Equal(t, map[string]string{
		"default-src":     "'none'",
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"style-src":       "'self'",
		"img-src":         "data:",
		"connect-src":     "'self'",
		"base-uri":        "'none'",
		"form-action":     "'none'",
		"frame-ancestors": "'none'",
	}, directives)
	assert.NotContains(t, contentSecurityPolicy, "unsafe-inline")
	assert.NotContains(t, contentSecurityPolicy, "'unsafe-eval'")
}

// Under that policy the real page must have no inline script, style or
// event handler, and must load only files the site serves.
func TestPageFitsThePolicy(t *testing.T) {
	files, err := pageFiles()
	require.NoError(t, err)
	page := string(files[indexName])
	assert.NotRegexp(t, `<script(\s[^>]*)?>\s*[^<\s]`, page, "no inline script")
	assert.NotRegexp(t, `<script(?:\s+[^>]*)?>`, regexp.MustCompile(`<script src="[^"]+"></script>`).ReplaceAllString(page, ""), "every script has a src")
	assert.NotContains(t, page, "<style", "no inline style")
	assert.NotRegexp(t, `\sstyle=`, page, "no style attributes")
	assert.NotRegexp(t, `\son[a-z]+=`, page, "no inline event handlers")
	assert.NotContains(t, page, "javascript:")
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		ref := m[1]
		if ref == "data:," {
			continue // the empty icon, allowed by img-src data:
		}
		_, ok := files[ref]
		assert.True(t, ok, "the page loads %s, which the site serves", ref)
	}
	boot := string(files["boot.js"])
	assert.NotContains(t, boot, "eval(")
	assert.NotContains(t, boot, "new Function")
	assert.NotContains(t, boot, "innerHTML")
}

func TestConditionalRequests(t *testing.T) {
	s := testSite(t)
	tag := `"` + s.files[wasmName].etag + `"`
	gzTag := `"` + s.files[wasmName].etag + `-gz"`
	for header, want := range map[string]int{
		tag:                             http.StatusNotModified,
		"*":                             http.StatusNotModified,
		" * ":                           http.StatusNotModified,
		`"other", ` + tag:               http.StatusNotModified,
		`"other",` + tag + `,"more"`:    http.StatusNotModified,
		"W/" + tag:                      http.StatusNotModified, // weak comparison
		gzTag:                           http.StatusOK,          // the gzip form's tag
		`"x` + tag[1:]:                  http.StatusOK,          // merely containing the tag
		`"` + tag + `"`:                 http.StatusOK,          // a tag wrapped in quotes
		tag[:len(tag)-1]:                http.StatusOK,          // unterminated
		`"other"`:                       http.StatusOK,
		`W/"other"`:                     http.StatusOK,
		strings.Trim(tag, `"`):          http.StatusOK, // unquoted
		`"other" ` + tag:                http.StatusOK, // not a list
		`"a", *`:                        http.StatusOK, // * only alone
		"":                              http.StatusOK,
		`"` + strings.Repeat("a", 5000): http.StatusOK,
	} {
		resp := get(t, s, "GET", "/boltzlab.wasm", map[string]string{"If-None-Match": header})
		assert.Equal(t, want, resp.StatusCode, "If-None-Match: %.60s", header)
		if want == http.StatusNotModified {
			body, _ := io.ReadAll(resp.Body)
			assert.Empty(t, body)
		}
	}
	// Several header lines are one list.
	req, _ := http.NewRequest("GET", "/boltzlab.wasm", nil)
	req.Header.Add("If-None-Match", `"other"`)
	req.Header.Add("If-None-Match", tag)
	rec := newRecorder()
	s.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNotModified, rec.code)
	// With gzip accepted, the gzip form's tag is the one that matches.
	resp := get(t, s, "HEAD", "/boltzlab.wasm", map[string]string{"If-None-Match": gzTag, "Accept-Encoding": "gzip"})
	assert.Equal(t, http.StatusNotModified, resp.StatusCode)
}

// recorder is a minimal ResponseWriter.
type recorder struct {
	h    http.Header
	code int
	body bytes.Buffer
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}, code: 200} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) WriteHeader(code int)        { r.code = code }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func TestArgsRefusedBeforeTheBuild(t *testing.T) {
	var sink strings.Builder
	for _, args := range [][]string{
		{"-out", ""},
		{"-out", "  "},
		{"-addr", "nonsense"},
		{"-addr", "127.0.0.1:99999"},
		{"-addr", "127.0.0.1:http-alt"},
		{"-addr", "127.0.0.1"},
		{"-addr", "a b:80"},
		{"-addr", strings.Repeat("x", 120_000)},
		{"-" + strings.Repeat("x", 120_000)},
	} {
		_, err := parseArgs(args, &sink)
		if assert.Error(t, err, "%.40v", args) {
			assert.Less(t, len(err.Error()), 200, "%.40v", args)
		}
	}
	c, err := parseArgs([]string{"-out", "site", "-addr", "ignored"}, &sink)
	require.NoError(t, err, "with -out the address is not used")
	assert.True(t, c.outSet)

	// run refuses them with status 2, one line, and without building: a
	// build takes many seconds, the refusal none.
	for _, args := range [][]string{{"-addr", "nonsense"}, {"-out", ""}} {
		start := time.Now()
		var out, errOut strings.Builder
		code := run(args, &out, &errOut)
		assert.Equal(t, 2, code, "%v", args)
		assert.Equal(t, 1, strings.Count(errOut.String(), "\n"), "%q", errOut.String())
		assert.Less(t, time.Since(start), 2*time.Second)
	}
	// An address in use is found before the build too.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	var out, errOut strings.Builder
	start := time.Now()
	assert.Equal(t, 2, run([]string{"-addr", ln.Addr().String()}, &out, &errOut))
	assert.Contains(t, errOut.String(), "boltzweb: -addr:")
	assert.Less(t, time.Since(start), 2*time.Second)
}

// serveTest serves s on a loopback port with the given server settings
// and returns its address.
func serveTest(t *testing.T, h http.Handler, edit func(*http.Server)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := newServer(testSite(t), io.Discard)
	srv.Handler = h
	edit(srv)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func TestServerTimeouts(t *testing.T) {
	srv := newServer(testSite(t), io.Discard)
	assert.Positive(t, srv.ReadHeaderTimeout)
	assert.Positive(t, srv.ReadTimeout)
	assert.Positive(t, srv.WriteTimeout)
	assert.Positive(t, srv.IdleTimeout)
	assert.Positive(t, srv.MaxHeaderBytes)
}

// An idle keep-alive connection is closed by the server.
func TestIdleConnectionClosed(t *testing.T) {
	addr := serveTest(t, testSite(t), func(srv *http.Server) { srv.IdleTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "GET /wasm_exec.js HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.False(t, resp.Close, "kept alive")

	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = br.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the server closed the idle connection")
	assert.Less(t, time.Since(start), 3*time.Second)
}

// A connection that sends nothing after connecting is closed too.
func TestSilentClientClosed(t *testing.T) {
	addr := serveTest(t, testSite(t), func(srv *http.Server) { srv.ReadHeaderTimeout = 200 * time.Millisecond })
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n") // never finished
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	io.Copy(io.Discard, conn)
	assert.Less(t, time.Since(start), 3*time.Second)
}

// A client that asks for the program and never reads does not hold the
// send open: the write deadline ends the handler and the server closes
// the connection.
func TestSlowReaderReleased(t *testing.T) {
	s := testSite(t)
	big := bytes.Repeat([]byte("0123456789abcdef"), 4<<20) // 64 MB, more than any socket buffer
	s.files[wasmName].data = big
	finished := make(chan struct{}, 1)
	closed := make(chan struct{}, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.ServeHTTP(w, r)
		finished <- struct{}{}
	})
	addr := serveTest(t, h, func(srv *http.Server) {
		srv.WriteTimeout = 300 * time.Millisecond
		srv.ConnState = func(_ net.Conn, st http.ConnState) {
			if st == http.StateClosed {
				closed <- struct{}{}
			}
		}
	})
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	fmt.Fprintf(conn, "GET /boltzlab.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	for what, ch := range map[string]chan struct{}{"the handler returns": finished, "the server closes the connection": closed} {
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("a client that does not read holds the send open: %s never happened", what)
		}
	}
	// What the kernel had buffered arrives, then the connection ends,
	// well short of the whole program.
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := io.Copy(io.Discard, conn)
	assert.NoError(t, err, "ended by the server, not by the deadline")
	assert.Less(t, n, int64(len(big)))
}

// A panic while serving one request answers 500 and is reported in one
// line; the server goes on.
func TestHandlerPanicAnswers500(t *testing.T) {
	var log strings.Builder
	h := recoverer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("handler fault")
	}), &log)
	req, _ := http.NewRequest("GET", "/x", nil)
	rec := newRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.code)
	assert.Equal(t, "boltzweb: crashed serving \"/x\": handler fault\n", log.String())
}
