package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"boltzlab/assets/fonts"
)

// programRunes returns every rune of every string and rune literal in the
// Go files under dirs, with the place of its first use. Test files count
// too: what they assert about labels is text the program draws.
func programRunes(t *testing.T, dirs ...string) map[rune]string {
	t.Helper()
	runes := map[rune]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(file, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
					return true
				}
				// A rune literal unquotes to its rune as a string, so both
				// kinds go through strconv.Unquote.
				s, err := strconv.Unquote(lit.Value)
				require.NoError(t, err, fset.Position(lit.Pos()).String())
				for _, r := range s {
					if _, seen := runes[r]; !seen {
						runes[r] = fset.Position(lit.Pos()).String()
					}
				}
				return true
			})
			return nil
		})
		require.NoError(t, err)
	}
	return runes
}

func parseFont(t *testing.T, ttf []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(ttf)
	require.NoError(t, err)
	return f
}

// The embedded fonts are cut to a set of characters (see assets/fonts). A
// label with a character outside the cut would draw as an empty box, so
// every printable character written anywhere in the program's source must
// have a glyph in both fonts.
func TestFontsCoverProgramText(t *testing.T) {
	runes := programRunes(t, "..", filepath.Join("..", "..", "cmd", "boltzlab"))
	require.Contains(t, runes, '−', "the scan found the program's text")
	var sorted []rune
	for r := range runes {
		// Control characters (\n, \t, \x00) and format characters
		// (direction marks in test input) are never drawn as glyphs.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		sorted = append(sorted, r)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var buf sfnt.Buffer
	for name, ttf := range map[string][]byte{"regular": fonts.Regular, "bold": fonts.Bold} {
		f := parseFont(t, ttf)
		for _, r := range sorted {
			g, err := f.GlyphIndex(&buf, r)
			require.NoError(t, err)
			assert.NotZero(t, g, "%s font has no glyph for %q (U+%04X), first used at %s", name, r, r, runes[r])
		}
	}
}

// Mono is an alias of Regular and relies on its tabular figures: the ten
// digits share one advance width, and +, - and − share another, so a
// number printed with a sign (%+.2f) keeps its width from frame to frame
// and columns of numbers align. The signs are wider than the digits (1196
// against 1139 of 2048 units in Go Regular), so a sign does not stand in
// for a digit.
func TestRegularDigitsAndSignsHaveFixedWidths(t *testing.T) {
	f := parseFont(t, fonts.Regular)
	var buf sfnt.Buffer
	ppem := fixed.I(int(f.UnitsPerEm())) // advances in font units
	advance := func(r rune) fixed.Int26_6 {
		g, err := f.GlyphIndex(&buf, r)
		require.NoError(t, err)
		require.NotZero(t, g, "no glyph for %q", r)
		a, err := f.GlyphAdvance(&buf, g, ppem, font.HintingNone)
		require.NoError(t, err)
		return a
	}
	digit, sign := advance('0'), advance('+')
	assert.Positive(t, digit)
	for _, r := range "0123456789" {
		assert.Equal(t, digit, advance(r), "advance of %q", r)
	}
	for _, r := range "+-−" {
		assert.Equal(t, sign, advance(r), "advance of %q", r)
	}
	assert.Equal(t, TextWidth("+0.25", Mono, 16), TextWidth("−9.87", Mono, 16),
		"a signed number keeps its width when its digits and sign change")
}
