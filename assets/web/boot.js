// Boltzmann Lab's page script: checks that the browser can run the lab,
// shows a loading state, fetches the program and starts it. It lives in a
// file of its own, not inline, so that the server's Content-Security-Policy
// can allow scripts from the site alone.
"use strict";
(() => {
  const status = document.getElementById("status");
  const title = document.getElementById("status-title");
  const text = document.getElementById("status-text");

  // fail replaces the loading state with a message a person can act on.
  function fail(heading, message) {
    status.classList.add("failed");
    status.style.display = "flex";
    title.textContent = heading;
    text.textContent = message;
  }
  window.boltzlabFail = fail;

  // What the program asks of the page: the clipboard and a file picker.
  // Answers go back through window.boltzlab.receive(kind, from, text).
  function send(kind, from, text) {
    const lab = window.boltzlab;
    if (lab && typeof lab.receive === "function") lab.receive(kind, from, String(text));
  }
  const why = (e) => String(e && e.message || e);
  window.boltzlabHost = {
    // copy puts a link that opens code on the clipboard.
    copy(code) {
      const link = location.href.split("#")[0] + "#code=" + code;
      if (!navigator.clipboard) {
        send("notice", "", "This page may not use the clipboard; the address bar holds the link to this state");
        return;
      }
      navigator.clipboard.writeText(link).then(
        () => send("notice", "", "Copied a link to this state: paste it in an address bar, or here with Ctrl+V"),
        (e) => send("notice", "", "Not copied (" + why(e) + "); the address bar holds the link to this state"));
    },
    paste() {
      if (!navigator.clipboard || !navigator.clipboard.readText) {
        send("notice", "", "This page may not read the clipboard: paste the link in the address bar instead");
        return;
      }
      navigator.clipboard.readText().then(
        (text) => send("code", "the pasted code", text),
        (e) => send("notice", "", "Could not read the clipboard (" + why(e) + "): paste the link in the address bar instead"));
    },
    // pick offers a file picker for a saved scene or, when kind is
    // "machine:SCENE", for a file that scene loads itself (a trained
    // machine); a file over max bytes is refused before it is read.
    pick(max, kind) {
      kind = kind || "file";
      const what = kind === "file" ? "a saved scene" : "a saved machine";
      const input = document.createElement("input");
      input.type = "file";
      input.accept = ".json,application/json";
      input.style.display = "none";
      input.addEventListener("change", () => {
        const f = input.files && input.files[0];
        input.remove();
        if (!f) return;
        if (f.size > max) {
          send("notice", "", "Not opened, nothing changed: " + f.name + " is " + f.size + " bytes, more than the " + max + " " + what + " can be");
          return;
        }
        f.text().then((text) => send(kind, f.name, text), (e) => send("notice", "", "Could not read " + f.name + ": " + why(e)));
      });
      document.body.appendChild(input);
      input.click();
    },
  };

  // keep stores the last state of a scene as its share code ("" forgets
  // it), and kept returns it, or null: local storage, which a private
  // window may refuse.
  window.boltzlabHost.keep = (scene, code) => {
    try {
      if (code) localStorage.setItem("boltzlab:" + scene, code);
      else localStorage.removeItem("boltzlab:" + scene);
    } catch (e) { /* nothing kept */ }
  };
  window.boltzlabHost.kept = (scene) => {
    try { return localStorage.getItem("boltzlab:" + scene); } catch (e) { return null; }
  };

  // offerFresh shows a button, until 20 seconds after the first frame,
  // that forgets the scenes' states this browser kept and opens the lab
  // as new.
  window.boltzlabHost.offerFresh = () => {
    const b = document.createElement("button");
    b.id = "fresh";
    b.type = "button";
    b.textContent = "Start fresh";
    b.title = "Forget the states this browser kept and open the lab as new";
    b.addEventListener("click", () => {
      try {
        for (const k of Object.keys(localStorage)) if (k.startsWith("boltzlab:")) localStorage.removeItem(k);
      } catch (e) { /* nothing kept, nothing to forget */ }
      location.replace(location.pathname + location.search);
    });
    document.body.appendChild(b);
  };

  // The program calls this after it has drawn its first frame.
  window.boltzlabReady = () => {
    status.style.display = "none";
    // The offer stays 20 s (window.boltzlabFreshMs, when a test sets it).
    setTimeout(() => { const b = document.getElementById("fresh"); if (b) b.remove(); }, window.boltzlabFreshMs || 20000);
  };

  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("WebAssembly is not available",
      "This browser cannot run WebAssembly, which Boltzmann Lab is compiled to. " +
      "A current Firefox, Chrome, Edge or Safari runs it; so does this one once WebAssembly is allowed again.");
    return;
  }
  const probe = document.createElement("canvas");
  // The drawing library needs WebGL 2; WebGL 1 alone is not enough.
  let gl = null;
  try { gl = probe.getContext("webgl2"); } catch (e) { gl = null; }
  if (!gl) {
    fail("WebGL is not available",
      "Boltzmann Lab draws with WebGL 2, and this browser did not offer it. " +
      "Turn on hardware acceleration (or WebGL) in the browser's settings, or try another browser.");
    return;
  }
  // Hand the probe's context back, so the program's canvas is not kept
  // waiting for a free one.
  const lose = gl.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();

  const script = document.createElement("script");
  script.src = "wasm_exec.js";
  script.onerror = () => fail("Could not load the page", "wasm_exec.js did not load. Reload the page to try again.");
  script.onload = start;
  document.head.appendChild(script);

  // fetchCounting downloads the program and shows how much has arrived.
  async function fetchCounting(url) {
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(url + ": " + resp.status + " " + resp.statusText);
    const wasmType = { headers: { "Content-Type": "application/wasm" } };
    if (!resp.body || typeof ReadableStream !== "function") return new Response(await resp.arrayBuffer(), wasmType);
    let got = 0;
    const reader = resp.body.getReader();
    const counted = new ReadableStream({
      async pull(ctrl) {
        const { done, value } = await reader.read();
        if (done) { ctrl.close(); text.textContent = "Starting…"; return; }
        got += value.byteLength;
        text.textContent = "Loading… " + (got / 1048576).toFixed(1) + " MB";
        ctrl.enqueue(value);
      },
    });
    return new Response(counted, wasmType);
  }

  async function start() {
    try {
      const go = new Go();
      go.exit = (code) => {
        if (code !== 0) {
          console.error("boltzlab: the program stopped with exit code " + code);
          fail("Boltzmann Lab stopped", "The program stopped with an error (exit code " + code + "). " +
            "The browser's console has the details; reloading the page starts it again.");
        }
      };
      const resp = await fetchCounting("boltzlab.wasm");
      let result;
      if (WebAssembly.instantiateStreaming) {
        result = await WebAssembly.instantiateStreaming(resp, go.importObject);
      } else {
        result = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
      }
      text.textContent = "Starting…";
      go.run(result.instance);
    } catch (e) {
      console.error("boltzlab: loading failed:", e);
      fail("Could not start Boltzmann Lab", String(e && e.message || e));
    }
  }
})();
