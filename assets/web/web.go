// Package web holds the page that loads Boltzmann Lab in a browser. The
// program itself (boltzlab.wasm) and Go's wasm_exec.js are added next to it
// when the site is built, by cmd/boltzweb.
package web

import "embed"

// Files holds index.html, the page that checks for WebAssembly and WebGL,
// shows a loading state, and starts the program.
//
//go:embed index.html
var Files embed.FS
