//go:build linux && !android

package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

// Ebitengine's desktop backend panics while its packages initialise when
// there is no X display, before main runs. Packages initialise in order of
// import path where their dependencies allow, so this package (boltzlab/…)
// initialises before Ebitengine's (github.com/…), as long as it imports
// nothing that Ebitengine does not also need (which is why it reads its
// own name with strings rather than path/filepath, and does not ask the
// testing package whether it is a test). Here the program can still answer
// -h, and say in one line that it needs a display.
func init() {
	if strings.HasSuffix(os.Args[0], ".test") {
		return // a test binary, with flags of its own
	}
	_, err := Parse(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(os.Stderr, "boltzlab: no display to open a window on (DISPLAY is not set); run it in a desktop session, or serve the browser version with 'make web'")
		os.Exit(2)
	}
}
