// Command boltzweb builds Boltzmann Lab for the browser and serves it.
//
// It compiles cmd/boltzlab for GOOS=js GOARCH=wasm, takes wasm_exec.js
// from the same Go installation (the two must match), and serves those two
// files with the page from assets/web on 127.0.0.1:8080, beside the Digits
// scene's two data files (the digits and the trained machine, which the
// scene fetches when it first opens rather than every visitor downloading
// them with the program). With -out DIR it writes the same files to DIR
// instead: a static site that any web host can serve as it is.
//
// The server holds the site in memory and answers only for its own files,
// so no request can reach anything else on the machine. The program is sent
// as application/wasm, gzip-compressed when the browser accepts it. Every
// response carries a Content-Security-Policy that lets the page run its own
// script and the program and nothing else, and no connection is held open
// longer than the timeouts below.
//
// Exit status: 0 done, 2 a refused flag (a bad -addr, an empty -out), 3 a
// crash, 1 any other failure (the build failed).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"boltzlab/assets/digits"
	"boltzlab/assets/web"
	"boltzlab/fileio"
	"boltzlab/internal/crash"
)

// config is what the command line asks for.
type config struct {
	addr   string
	out    string
	outSet bool // -out was given, if empty
	budget int  // with -budget, check the program's size instead of serving
}

// wasmBuildFlags are the flags the browser build is made with: no symbol
// table or debug information, and no inlining in places where it buys
// size and no speed anyone could see. Scene code runs a few thousand small
// calls a frame, not a hot loop, and inlining the layout builders and
// widget helpers into every scene cost about 40 kB of download (gzipped).
// The text shaper (its font tables, its HarfBuzz port and the bidi and
// Unicode tables of golang.org/x/text) runs when a string is first shaped
// or a glyph first drawn, both cached after; its inlining cost about
// 130 kB. Ebitengine's shader compiler runs once per shader at start (about
// 13 kB), and so does what that compiler pulls in from the standard
// library (go/..., text/template, regexp, math/big); with image/png,
// archive/zip and compress/flate, used when a screenshot or a share code
// is made, their inlining cost about 109 kB. Reading files, share codes
// and links, and JSON, run once per load or save, not per frame (about
// 16 kB for JSON). The simulation, the widgets, fmt and the rest of
// Ebitengine keep their inlining.
var wasmBuildFlags = []string{"-ldflags=-s -w", "-gcflags=boltzlab/scenes=-l",
	"-gcflags=github.com/go-text/typesetting/font/...=-l", "-gcflags=github.com/go-text/typesetting/harfbuzz=-l",
	"-gcflags=golang.org/x/text/...=-l", "-gcflags=github.com/hajimehoshi/ebiten/v2/internal/shader/...=-l",
	"-gcflags=encoding/json=-l", "-gcflags=go/...=-l", "-gcflags=text/template/...=-l", "-gcflags=regexp/...=-l",
	"-gcflags=math/big=-l", "-gcflags=image/png=-l", "-gcflags=archive/zip=-l", "-gcflags=compress/flate=-l",
	"-gcflags=boltzlab/fileio=-l", "-gcflags=boltzlab/share=-l", "-gcflags=boltzlab/cli=-l"}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("boltzweb", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to serve on; the default answers only this machine")
	fs.StringVar(&c.out, "out", "", "write the static site to this folder instead of serving it")
	fs.IntVar(&c.budget, "budget", 0, "build, print the program's size as it is sent (gzipped), and exit with status 1 if that is more than this many bytes")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "boltzweb: build Boltzmann Lab for the browser and serve it (or write it as a static site).\n\nUsage: boltzweb [-addr HOST:PORT | -out DIR]")
			fs.PrintDefaults()
			return c, err
		}
		msg := err.Error()
		if r := []rune(msg); len(r) > 100 {
			msg = string(r[:90]) + fmt.Sprintf("… (%d characters)", len(r))
		}
		return c, fmt.Errorf("%s (boltzweb -h lists the flags)", msg)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %s", quoteShort(fs.Arg(0)))
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "out" {
			c.outSet = true
		}
	})
	if c.outSet && strings.TrimSpace(c.out) == "" {
		return c, errors.New(`-out "" names no folder; give a folder to write the site to, or leave -out out to serve it`)
	}
	if c.budget < 0 {
		return c, fmt.Errorf("-budget must be a number of bytes ≥ 0, got %d", c.budget)
	}
	if !c.outSet && c.budget == 0 {
		if err := checkAddr(c.addr); err != nil {
			return c, err
		}
	}
	return c, nil
}

// checkAddr refuses an -addr that cannot be listened on as written:
// HOST:PORT with a port from 0 to 65535.
func checkAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %s is not HOST:PORT (for example 127.0.0.1:8080)", quoteShort(addr))
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("-addr %s: the port must be a number from 0 to 65535", quoteShort(addr))
	}
	if strings.ContainsAny(host, " /\\") {
		return fmt.Errorf("-addr %s: %s is not a host name or address", quoteShort(addr), quoteShort(host))
	}
	return nil
}

// quoteShort quotes a value from the command line for a message, cut short
// when long.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:32])+"…") + fmt.Sprintf(" (%d characters)", len(r))
	}
	return strconv.Quote(s)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status: 0 done, 2 a
// refused flag, 3 a crash (reported in one line), 1 any other failure.
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer crash.Recover(stderr, "boltzweb", &status)
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 2
	}
	// The address is taken before the build, so that a port in use or a
	// host that is not this machine is reported at once, not a minute
	// later.
	var ln net.Listener
	if !cfg.outSet && cfg.budget == 0 {
		ln, err = net.Listen("tcp", cfg.addr)
		if err != nil {
			fmt.Fprintln(stderr, "boltzweb: -addr:", err)
			return 2
		}
		defer ln.Close()
	}
	files, err := build(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 1
	}
	if cfg.budget > 0 {
		return checkBudget(files, cfg.budget, stdout)
	}
	if cfg.outSet {
		if err := writeSite(cfg.out, files); err != nil {
			fmt.Fprintln(stderr, "boltzweb:", err)
			return 1
		}
		fmt.Fprintf(stdout, "boltzweb: wrote %s to %s\n", strings.Join(names(files), ", "), cfg.out)
		return 0
	}
	s, err := newSite(files)
	if err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 1
	}
	w := s.files[wasmName]
	fmt.Fprintf(stdout, "boltzweb: %s is %s (%s gzipped)\n", wasmName, megabytes(len(w.data)), megabytes(len(w.gz)))
	if err := serve(ln, s, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 1
	}
	return 0
}

// checkBudget prints the program's size raw and as the server sends it,
// gzipped, and returns 1 when the gzipped size is over budget bytes.
func checkBudget(files map[string][]byte, budget int, stdout io.Writer) int {
	s, err := newSite(files)
	if err != nil {
		fmt.Fprintln(stdout, "boltzweb:", err)
		return 1
	}
	w := s.files[wasmName]
	fmt.Fprintf(stdout, "boltzweb: %s is %d bytes, %d gzipped as sent (budget %d)\n", wasmName, len(w.data), len(w.gz), budget)
	if len(w.gz) > budget {
		fmt.Fprintf(stdout, "boltzweb: %s is %d bytes over the budget\n", wasmName, len(w.gz)-budget)
		return 1
	}
	return 0
}

// The names of the site's files; the page's own (index.html, boot.js,
// style.css) are listed in web.PageFiles.
const (
	indexName = "index.html"
	execName  = "wasm_exec.js"
	wasmName  = "boltzlab.wasm"
)

// build compiles the wasm program and gathers the site's files.
// The compiler's own messages go to stderr.
func build(stderr io.Writer) (map[string][]byte, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, errors.New("the go command is not on PATH")
	}
	goroot, err := goEnv(goBin, "GOROOT")
	if err != nil {
		return nil, err
	}
	gomod, err := goEnv(goBin, "GOMOD")
	if err != nil {
		return nil, err
	}
	if gomod == "" || gomod == os.DevNull {
		return nil, errors.New("run boltzweb inside the boltzlab module (for example `go run ./cmd/boltzweb` from its root)")
	}
	execJS, err := readWasmExec(goroot)
	if err != nil {
		return nil, err
	}
	files, err := pageFiles()
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "boltzweb-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	wasmPath := filepath.Join(tmp, wasmName)
	cmd := exec.Command(goBin, append([]string{"build"}, append(wasmBuildFlags, "-o", wasmPath, "./cmd/boltzlab")...)...)
	cmd.Dir = filepath.Dir(gomod)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = stderr, stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the wasm program: %v", err)
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "boltzweb: built %s in %.1fs\n", wasmName, time.Since(start).Seconds())
	files[execName], files[wasmName] = execJS, wasm
	files[digits.SetFile], files[digits.ModelFile] = digits.Embedded()
	return files, nil
}

// pageFiles returns the embedded page: index.html and the files it loads.
func pageFiles() (map[string][]byte, error) {
	files := map[string][]byte{}
	for _, name := range web.PageFiles {
		b, err := fs.ReadFile(web.Files, name)
		if err != nil {
			return nil, err
		}
		files[name] = b
	}
	return files, nil
}

func goEnv(goBin, name string) (string, error) {
	out, err := exec.Command(goBin, "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// readWasmExec returns the JavaScript glue that belongs to the Go at
// goroot: lib/wasm since Go 1.24, misc/wasm before.
func readWasmExec(goroot string) ([]byte, error) {
	var firstErr error
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		b, err := os.ReadFile(filepath.Join(goroot, dir, execName))
		if err == nil {
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("wasm_exec.js not found in %s: %v", goroot, firstErr)
}

// writeSite writes the files into dir, creating it if needed, each one
// atomically (an interrupted write leaves the earlier file whole). Other
// files already in dir are left alone.
func writeSite(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names(files) {
		if err := fileio.WriteAtomic(filepath.Join(dir, name), files[name]); err != nil {
			return err
		}
	}
	return nil
}

func names(files map[string][]byte) []string {
	var out []string
	for name := range files {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func megabytes(n int) string { return fmt.Sprintf("%.2f MB", float64(n)/1e6) }

// site is the in-memory web site: each file with its type, its gzipped
// form and an entity tag.
type site struct {
	files map[string]*file
}

type file struct {
	data  []byte
	gz    []byte
	ctype string
	etag  string
}

// contentTypes maps the extensions the site uses to their media types;
// a file with any other extension is refused.
var contentTypes = map[string]string{
	".css":  "text/css; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".wasm": "application/wasm",
	".bin":  "application/octet-stream",
}

// newSite compresses every file once, up front.
func newSite(files map[string][]byte) (*site, error) {
	s := &site{files: map[string]*file{}}
	for name, data := range files {
		ctype, ok := contentTypes[filepath.Ext(name)]
		if !ok {
			return nil, fmt.Errorf("no content type for %s", name)
		}
		var buf bytes.Buffer
		zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		s.files[name] = &file{data: data, gz: buf.Bytes(), ctype: ctype, etag: hex.EncodeToString(sum[:8])}
	}
	return s, nil
}

// ServeHTTP answers GET and HEAD for the site's own files and nothing else.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = indexName
	}
	f, ok := s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Vary", "Accept-Encoding")
	body, etag := f.data, `"`+f.etag+`"`
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		// The compressed bytes are a different representation, so they
		// get their own entity tag.
		body, etag = f.gz, `"`+f.etag+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	if noneMatch(r.Header.Values("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// contentSecurityPolicy lets the page load its own script, style and
// program and nothing else: scripts only from the site, with
// 'wasm-unsafe-eval' so the program may be compiled; fetches only to the
// site (the Digits scene's data); the data: icon of the page; no plugins,
// no base or form targets, and no framing by another page.
const contentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// noneMatch reports whether If-None-Match header values match etag, which
// makes a GET or HEAD answer 304 Not Modified (RFC 9110, 13.1.2): "*"
// matches any current representation, and otherwise the header is a
// comma-separated list of entity tags compared weakly, so W/"x" matches
// "x" and only whole tags match. A malformed list matches nothing.
func noneMatch(values []string, etag string) bool {
	opaque := strings.TrimPrefix(etag, "W/")
	for _, v := range values {
		rest := strings.TrimSpace(v)
		if rest == "*" {
			return true
		}
		for rest != "" {
			tag, tail, ok := cutETag(rest)
			if !ok {
				return false
			}
			if strings.TrimPrefix(tag, "W/") == opaque {
				return true
			}
			rest = strings.TrimSpace(tail)
			if rest == "" {
				break
			}
			if rest[0] != ',' {
				return false
			}
			rest = strings.TrimSpace(rest[1:])
		}
	}
	return false
}

// cutETag reads one entity tag, W/"…" or "…", from the start of s and
// returns it and what follows.
func cutETag(s string) (tag, rest string, ok bool) {
	start := 0
	if strings.HasPrefix(s, "W/") {
		start = 2
	}
	if len(s) < start+2 || s[start] != '"' {
		return "", "", false
	}
	end := strings.IndexByte(s[start+1:], '"')
	if end < 0 {
		return "", "", false
	}
	for _, c := range []byte(s[start+1 : start+1+end]) {
		// etagc is %x21 / %x23-7E / obs-text.
		if c < 0x21 || c == 0x7f {
			return "", "", false
		}
	}
	n := start + 1 + end + 1
	return s[:n], s[n:], true
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: named
// (or covered by *) with a quality above zero.
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		coding := strings.ToLower(strings.TrimSpace(fields[0]))
		q := 1.0
		for _, p := range fields[1:] {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if _, err := fmt.Sscanf(strings.TrimSpace(v), "%g", &q); err != nil {
					q = 0
				}
			}
		}
		switch coding {
		case "gzip", "x-gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// The server's timeouts. A request's headers and body must arrive within
// readTimeout; the whole response, the 4 MB program included, must be
// taken within writeTimeout (a minute is 0.5 Mbit/s, slower than any link
// that could use the lab), so a client that stops reading cannot hold a
// connection; an idle keep-alive connection is closed after idleTimeout.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 30 * time.Second
	maxHeaderBytes    = 16 << 10
)

// newServer returns the HTTP server of the site, with its timeouts and a
// handler that turns a panic into a 500 answer and one line on stderr.
func newServer(s *site, stderr io.Writer) *http.Server {
	return &http.Server{
		Handler:           recoverer(s, stderr),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
}

// recoverer answers 500 when h panics and reports the panic in one line;
// the server goes on serving other requests.
func recoverer(h http.Handler, stderr io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				fmt.Fprintf(stderr, "boltzweb: crashed serving %s: %s\n", quoteShort(r.URL.Path), crash.Describe(p, ""))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// serve serves the site on ln until SIGINT or SIGTERM.
func serve(ln net.Listener, s *site, stdout, stderr io.Writer) error {
	host, _, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		fmt.Fprintln(stderr, "boltzweb: note: listening on every network interface, not only this machine")
	}
	srv := newServer(s, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	crash.Go(stderr, "boltzweb", func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	})
	fmt.Fprintf(stdout, "boltzweb: serving http://%s/ (Ctrl+C stops)\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
