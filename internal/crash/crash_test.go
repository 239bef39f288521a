package crash

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRecoverOneLine(t *testing.T) {
	var out strings.Builder
	status := 0
	func() {
		defer Recover(&out, "prog", &status)
		panic("two\nlines " + strings.Repeat("x", 1000))
	}()
	assert.Equal(t, Status, status)
	line := out.String()
	assert.Equal(t, 1, strings.Count(line, "\n"))
	assert.True(t, strings.HasPrefix(line, "prog: crashed: two lines xxx"), line)
	assert.Contains(t, line, "…")
	assert.Contains(t, line, "(at crash/crash_test.go:")
	assert.Less(t, len(line), 400)

	out.Reset()
	status = 0
	func() { defer Recover(&out, "prog", &status) }()
	assert.Equal(t, 0, status)
	assert.Empty(t, out.String())
}

type sited struct{}

func (sited) PanicSite() string { return "sim/x.go:7" }
func (sited) String() string    { return "carried" }

func TestDescribeUsesCarriedSite(t *testing.T) {
	assert.Equal(t, "carried (at sim/x.go:7)", Describe(sited{}, "here.go:1"))
	assert.Equal(t, "plain", Describe("plain", ""))
}

func TestGoExitsThree(t *testing.T) {
	var out strings.Builder
	var wg sync.WaitGroup
	wg.Add(1)
	got := -1
	exit = func(code int) { got = code; wg.Done() }
	defer func() { exit = osExit }()
	Go(&out, "prog", func() { panic("in a goroutine") })
	wg.Wait()
	assert.Equal(t, Status, got)
	assert.Contains(t, out.String(), "prog: crashed: in a goroutine (at crash/crash_test.go:")
}
