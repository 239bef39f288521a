package main

import (
	"bufio"
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// FuzzServe sends the handler arbitrary request targets and header
// values, as a hostile client would put them on the wire: no panic; only
// the site's own files are ever served, byte for byte; every answer is
// 200, 304, 404 or 405; and a served file always carries the policy. Seed
// corpus: testdata/fuzz/FuzzServe.
func FuzzServe(f *testing.F) {
	f.Add("GET", "/", "", "gzip")
	f.Add("GET", "/%2e%2e/go.mod", "*", "")
	f.Add("HEAD", "/boltzlab.wasm", `W/"x", "y"`, "gzip;q=0")
	s, err := newSite(map[string][]byte{
		indexName: []byte("<!DOCTYPE html><title>x</title>"),
		execName:  []byte("// glue"),
		wasmName:  bytes.Repeat([]byte("\x00asm wasm bytes "), 64),
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, target, noneMatch, acceptEncoding string) {
		raw := method + " " + target + " HTTP/1.1\r\nHost: x\r\n" +
			"If-None-Match: " + noneMatch + "\r\nAccept-Encoding: " + acceptEncoding + "\r\n\r\n"
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return // not a request the server would read
		}
		rec := newRecorder()
		s.ServeHTTP(rec, req)
		switch rec.code {
		case http.StatusNotFound, http.StatusMethodNotAllowed:
			return
		case http.StatusOK, http.StatusNotModified:
		default:
			t.Fatalf("%s %q: status %d", method, target, rec.code)
		}
		name := strings.TrimPrefix(req.URL.Path, "/")
		if name == "" {
			name = indexName
		}
		file, ok := s.files[name]
		if !ok {
			t.Fatalf("%s %q served %q, which is not a site file", method, target, name)
		}
		if rec.h.Get("Content-Security-Policy") != contentSecurityPolicy {
			t.Fatalf("%s %q: no policy", method, target)
		}
		if rec.code == http.StatusOK && req.Method == http.MethodGet {
			want := file.data
			if rec.h.Get("Content-Encoding") == "gzip" {
				want = file.gz
			}
			if !bytes.Equal(rec.body.Bytes(), want) {
				t.Fatalf("%s %q: body differs from the file", method, target)
			}
		}
	})
}
