package ui

import (
	"image"
	"image/color"
	"math"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// lines remembers the lines of text drawn lately, so that a line drawn
// again costs one image copy instead of shaping it and copying each glyph.
// Most text on screen (labels, captions, help, tick values while paused)
// is the same from one frame to the next; drawing it glyph by glyph was
// the largest part of a frame's Go time. A line is drawn (white on clear,
// tinted when copied) into a page of lines the second frame it is seen, so
// readouts that change every frame never fill the pages with lines used
// once. All lines come from a few large images of our own, so the copies
// of a frame batch into a few draw calls; small images of their own would
// each be moved on and off Ebitengine's shared atlas as they are drawn into
// and then read, which cost more than the glyphs saved.
var lines struct {
	mu     sync.Mutex
	m      map[lineKey]*lineEntry
	widths map[lineKey]float64 // advance widths by the pattern of their digits (zeroDigits)
	frame  uint64
	pages  []*linePage
	cur    int
}

// linePage is one image that lines are packed into, in shelves from the
// top; gen counts the times it was cleared for reuse.
type linePage struct {
	img         *ebiten.Image
	x, y, shelf int
	gen         int
}

type lineKey struct {
	s    string
	font Font
	size float64
}

type lineEntry struct {
	w     float64       // advance width
	img   *ebiten.Image // the line's part of a page, nil until the line is seen in a second frame
	page  *linePage
	gen   int    // the page's gen when the line was drawn into it
	first uint64 // the frame the line was first seen
	last  uint64 // the frame the line was last used
}

// Pages are wide enough for a caption at the largest text sizes; when all
// are full the oldest is cleared and its lines drawn again as they are
// next used.
const (
	pageW, pageH = 2048, 1024
	pageCount    = 3
)

// linePad is the margin around a line's image for glyphs that reach past
// their advance (italic overhangs, a j's tail, antialiasing).
const linePad = 2

// lineKeep is how many frames an unused line stays cached, and lineMax how
// many lines may be cached before older ones go early.
const (
	lineKeep = 90
	lineMax  = 2048
)

// line returns the cache entry of s, creating it (and its width) on first
// sight; it must be called with lines.mu held.
func line(s string, f Font, size float64) *lineEntry {
	size = faceSize(size)
	k := lineKey{s, f, size}
	e, ok := lines.m[k]
	if !ok {
		if lines.m == nil {
			lines.m = map[lineKey]*lineEntry{}
		}
		e = &lineEntry{w: advance(s, f, size), first: lines.frame}
		lines.m[k] = e
	}
	e.last = lines.frame
	return e
}

// advance returns the advance width of s, shaping it only the first time
// its pattern of digits is seen: a readout that changes every frame
// ("flips 1234") has one pattern while its number keeps its length, and
// shaping was the dearest part of drawing a changing line. That the
// digits of the fonts advance alike and kern with nothing is checked by
// TestDigitsAdvanceAlike. It must be called with lines.mu held.
func advance(s string, f Font, size float64) float64 {
	z, ok := zeroDigits(s)
	if !ok {
		return textAdvance(s, Face(f, size))
	}
	k := lineKey{z, f, size}
	w, ok := lines.widths[k]
	if !ok {
		if lines.widths == nil || len(lines.widths) >= lineMax {
			lines.widths = map[lineKey]float64{}
		}
		w = textAdvance(z, Face(f, size))
		lines.widths[k] = w
	}
	return w
}

// zeroDigits returns s with every ASCII digit made 0, and whether it had
// a digit other than 0.
func zeroDigits(s string) (string, bool) {
	i := strings.IndexAny(s, "123456789")
	if i < 0 {
		return s, false
	}
	b := []byte(s)
	for j := i; j < len(b); j++ {
		if b[j] >= '1' && b[j] <= '9' {
			b[j] = '0'
		}
	}
	return string(b), true
}

// textAdvance is text.Advance, named apart so tests measure as the cache
// does.
func textAdvance(s string, face *text.GoTextFace) float64 { return text.Advance(s, face) }

// lineWidth returns the advance width of s, cached.
func lineWidth(s string, f Font, size float64) float64 {
	lines.mu.Lock()
	defer lines.mu.Unlock()
	return line(s, f, size).w
}

// drawLine draws s with its anchor at (x, y) as Label describes, from the
// cache when the line has been seen in an earlier frame.
func drawLine(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.RGBA, align Align) {
	lines.mu.Lock()
	e := line(s, f, size)
	if e.img != nil && e.page.gen != e.gen {
		e.img = nil
	}
	if e.img == nil && e.first != lines.frame {
		e.img, e.page = renderLine(s, f, size, e.w)
		if e.page != nil {
			e.gen = e.page.gen
		}
	}
	img, w := e.img, e.w
	lines.mu.Unlock()

	face := Face(f, size)
	m := face.Metrics()
	top := y - (m.HAscent+m.HDescent)/2
	left := x - w*[...]float64{0, 0.5, 1}[align]
	if img == nil && len(s) > 1 && strings.ContainsAny(s, "0123456789") {
		drawPieces(dst, s, f, size, left, y, clr)
		return
	}
	if img == nil {
		op := &text.DrawOptions{}
		op.GeoM.Translate(math.Round(left), math.Round(top))
		scaleBy(&op.ColorScale, clr)
		text.Draw(dst, s, face, op)
		return
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(left)-linePad, math.Round(top)-linePad)
	scaleBy(&op.ColorScale, clr)
	dst.DrawImage(img, op)
}

// drawPieces draws a line not cached yet that holds digits as its digits
// and the runs of text between them, each from the cache once seen before:
// a readout that changes every frame is then made of lines the cache
// holds ("flips ", "4", "2") instead of being shaped and drawn glyph by
// glyph each frame. The pieces add up to the whole because digits kern
// with nothing (TestDigitsAdvanceAlike).
func drawPieces(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.RGBA) {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := 0; i < len(s); {
		j := i + 1
		if !isDigit(s[i]) {
			for j < len(s) && !isDigit(s[j]) {
				j++
			}
		}
		piece := s[i:j]
		drawLine(dst, piece, f, size, x, y, clr, Left)
		lines.mu.Lock()
		x += line(piece, f, size).w
		lines.mu.Unlock()
		i = j
	}
}

// renderLine draws s in white into a page and returns its part of the
// page, or nil when the line is too big for a page. It must be called with
// lines.mu held.
func renderLine(s string, f Font, size, w float64) (*ebiten.Image, *linePage) {
	face := Face(f, size)
	m := face.Metrics()
	iw := int(math.Ceil(w)) + 2*linePad
	ih := int(math.Ceil(m.HAscent+m.HDescent)) + 2*linePad
	p, x, y := place(iw, ih)
	if p == nil {
		return nil, nil
	}
	op := &text.DrawOptions{}
	op.GeoM.Translate(float64(x+linePad), float64(y+linePad))
	text.Draw(p.img, s, face, op)
	return p.img.SubImage(image.Rect(x, y, x+iw, y+ih)).(*ebiten.Image), p
}

// place finds room for a w×h line: on the current shelf, on a new shelf
// below it, or on the next page, clearing that page when every page
// exists already.
func place(w, h int) (*linePage, int, int) {
	if w > pageW || h > pageH {
		return nil, 0, 0
	}
	if len(lines.pages) == 0 {
		lines.pages = append(lines.pages, newLinePage())
	}
	p := lines.pages[lines.cur]
	if p.x+w > pageW {
		p.x, p.y, p.shelf = 0, p.y+p.shelf, 0
	}
	if p.y+h > pageH {
		if len(lines.pages) < pageCount {
			lines.pages = append(lines.pages, newLinePage())
			lines.cur = len(lines.pages) - 1
		} else {
			lines.cur = (lines.cur + 1) % pageCount
			lines.pages[lines.cur].img.Clear()
			lines.pages[lines.cur].gen++
		}
		p = lines.pages[lines.cur]
		p.x, p.y, p.shelf = 0, 0, 0
	}
	x, y := p.x, p.y
	p.x += w
	p.shelf = max(p.shelf, h)
	return p, x, y
}

// newLinePage makes a page of its own texture, never moved by Ebitengine's
// atlas.
func newLinePage() *linePage {
	return &linePage{img: ebiten.NewImageWithOptions(image.Rect(0, 0, pageW, pageH), &ebiten.NewImageOptions{Unmanaged: true})}
}

// EndFrame closes a frame of text drawing: lines unused for a while give
// back their images. The Manager calls it once per drawn frame.
func EndFrame() {
	lines.mu.Lock()
	defer lines.mu.Unlock()
	lines.frame++
	if lines.frame%30 != 0 && len(lines.m) < lineMax {
		return
	}
	keep := uint64(lineKeep)
	if len(lines.m) >= lineMax {
		keep = 1
	}
	for k, e := range lines.m {
		if lines.frame-e.last > keep {
			delete(lines.m, k)
		}
	}
}

// faceSize rounds a text size the way Face does, so the cache and the
// faces agree on which sizes are the same.
func faceSize(size float64) float64 { return math.Max(4, math.Round(size*4)/4) }

// scaleBy sets cs to draw white as clr, as ColorScale.ScaleWithColor does,
// without making an interface value of clr (which allocates).
func scaleBy(cs *ebiten.ColorScale, clr color.RGBA) {
	r, g, b, a := clr.RGBA()
	cs.Scale(float32(r)/0xffff, float32(g)/0xffff, float32(b)/0xffff, float32(a)/0xffff)
}
