// Command boltzweb builds Boltzmann Lab for the browser and serves it.
//
// It compiles cmd/boltzlab for GOOS=js GOARCH=wasm, takes wasm_exec.js
// from the same Go installation (the two must match), and serves those two
// files with the page from assets/web on 127.0.0.1:8080. With -out DIR it
// writes the same three files to DIR instead: a static site that any web
// host can serve as it is.
//
// The server holds the site in memory and answers only for its own files,
// so no request can reach anything else on the machine. The program is sent
// as application/wasm, gzip-compressed when the browser accepts it.
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
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"boltzlab/assets/web"
	"boltzlab/internal/crash"
)

// config is what the command line asks for.
type config struct {
	addr string
	out  string
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("boltzweb", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to serve on; the default answers only this machine")
	fs.StringVar(&c.out, "out", "", "write the static site to this folder instead of serving it")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "boltzweb: build Boltzmann Lab for the browser and serve it (or write it as a static site).\n\nUsage: boltzweb [-addr HOST:PORT | -out DIR]")
			fs.PrintDefaults()
			return c, err
		}
		return c, fmt.Errorf("%v (boltzweb -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, nil
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
	files, err := build(stderr)
	if err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 1
	}
	if cfg.out != "" {
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
	if err := serve(cfg.addr, s, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "boltzweb:", err)
		return 1
	}
	return 0
}

// The names of the site's files.
const (
	indexName = "index.html"
	execName  = "wasm_exec.js"
	wasmName  = "boltzlab.wasm"
)

// build compiles the wasm program and gathers the site's three files.
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
	index, err := pageFiles()
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "boltzweb-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	wasmPath := filepath.Join(tmp, wasmName)
	cmd := exec.Command(goBin, "build", "-ldflags=-s -w", "-o", wasmPath, "./cmd/boltzlab")
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
	return map[string][]byte{indexName: index, execName: execJS, wasmName: wasm}, nil
}

// pageFiles returns the embedded page.
func pageFiles() ([]byte, error) { return fs.ReadFile(web.Files, indexName) }

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

// writeSite writes the files into dir, creating it if needed. Other files
// already in dir are left alone.
func writeSite(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range names(files) {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
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
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".wasm": "application/wasm",
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
	h.Set("Vary", "Accept-Encoding")
	body, etag := f.data, `"`+f.etag+`"`
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		// The compressed bytes are a different representation, so they
		// get their own entity tag.
		body, etag = f.gz, `"`+f.etag+`-gz"`
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
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

// serve listens on addr and serves the site until SIGINT or SIGTERM.
func serve(addr string, s *site, stdout, stderr io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	host, _, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		fmt.Fprintln(stderr, "boltzweb: note: listening on every network interface, not only this machine")
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
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
