package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A long loop reports on standard error after progressAfter and then every
// progressEvery; a short one says nothing.
func TestProgress(t *testing.T) {
	var out strings.Builder
	old := progressOut
	progressOut = &out
	defer func() { progressOut = old }()

	clock := time.Unix(0, 0)
	p := newProgress("rbm: epoch", 100)
	p.start, p.next = clock, clock.Add(progressAfter)
	p.now = func() time.Time { return clock }
	p.at(1)
	assert.Empty(t, out.String())
	clock = clock.Add(3 * time.Second)
	p.at(10)
	clock = clock.Add(time.Second)
	p.at(11)
	clock = clock.Add(progressEvery)
	p.at(50)
	p.finish()
	assert.Equal(t, "boltzexp rbm: epoch 10 of 100 (10%) after 3s\n"+
		"boltzexp rbm: epoch 50 of 100 (50%) after 14s\n"+
		"boltzexp rbm: epoch 100 of 100 done after 14s\n", out.String())

	out.Reset()
	q := newProgress("learn: step", 5)
	q.at(5)
	q.finish()
	assert.Empty(t, out.String())
}
