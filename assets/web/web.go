// Package web holds the page that loads Boltzmann Lab in a browser. The
// program itself (boltzlab.wasm) and Go's wasm_exec.js are added next to it
// when the site is built, by cmd/boltzweb.
package web

import "embed"

// Files holds the page: index.html, boot.js (the script that checks for
// WebAssembly and WebGL, shows a loading state and starts the program) and
// style.css. The script and style are files rather than inline so that
// the page runs under a Content-Security-Policy that allows the site's own
// files and nothing else.
//
//go:embed index.html boot.js style.css
var Files embed.FS

// PageFiles lists the names of the files in Files.
var PageFiles = []string{"index.html", "boot.js", "style.css"}
