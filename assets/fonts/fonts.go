// Package fonts holds the two typefaces Boltzmann Lab draws its text in:
// Go Regular and Go Bold, cut down to the characters the lab can need.
//
// The full Go fonts cover Cyrillic, Latin Extended and other scripts the
// lab never shows, and every byte of them is part of the browser download.
// The cut keeps Basic Latin, Latin-1, Greek, punctuation, super- and
// subscripts, letterlike symbols, arrows, mathematical operators and
// geometric shapes, so new labels in those ranges still draw; README.md
// lists the ranges and the command that made the files, and a test in
// scenes/ui fails if any text in the program uses a character left out.
// The hinting instructions are dropped too: the text renderer draws the
// outlines without running them, so they only cost bytes.
package fonts

import _ "embed"

// Regular is Go Regular in TrueType form. The lab also uses it for numbers
// that must line up, since its digits and signs share one width.
//
//go:embed goregular-subset.ttf
var Regular []byte

// Bold is Go Bold in TrueType form, cut to the same characters as Regular.
//
//go:embed gobold-subset.ttf
var Bold []byte
