package main

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCommand adds a command for the length of a test.
func withCommand(t *testing.T, name string, run func(args []string, stdout io.Writer) error) {
	t.Helper()
	commands[name] = command{"test", run}
	t.Cleanup(func() { delete(commands, name) })
}

// A panic is a crash, not a usage error: one line and status 3, so a
// script can tell the two apart (Go itself exits 2 on a panic).
func TestPanicExitsThree(t *testing.T) {
	withCommand(t, "boom", func([]string, io.Writer) error {
		var s []int
		_ = s[len(strings.Repeat("x", 5))] // index out of range
		return nil
	})
	code, _, errOut := runArgs("boom")
	assert.Equal(t, 3, code)
	require.Equal(t, 1, strings.Count(errOut, "\n"), "%q", errOut)
	assert.Contains(t, errOut, "boltzexp: crashed: runtime error: index out of range")
	assert.Contains(t, errOut, "crash_test.go:", "the line names where it happened")
}
