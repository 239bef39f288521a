package share

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/cli"
)

// The command line and the link check a code's length against the same
// bound as Decode.
func TestBoundInStep(t *testing.T) { assert.Equal(t, MaxCodeLen, cli.MaxCodeLen) }

const sample = `{"scene":"recall","version":1,"seed":7,"data":{"t":0.2,"units":[1,-1,1,1,-1,1,1,-1,1]}}`

func TestRoundTrip(t *testing.T) {
	for _, p := range []string{sample, "x", strings.Repeat("0123456789", 5000)} {
		code, err := Encode("recall", []byte(p))
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(code, "1.recall."), code)
		assert.NotContains(t, code, "=")
		scene, got, err := Decode(code)
		require.NoError(t, err)
		assert.Equal(t, "recall", scene)
		assert.Equal(t, p, string(got))
	}
}

func TestRefusals(t *testing.T) {
	good, err := Encode("sigmoid", []byte(sample))
	require.NoError(t, err)
	_, body, _ := strings.Cut(strings.TrimPrefix(good, "1."), ".")
	for _, tc := range []struct{ code, want string }{
		{"", "empty"},
		{"   ", "empty"},
		{"hello", "not a share code"},
		{"1.sigmoid", "not a share code"},
		{"2.sigmoid." + body, "newer version"},
		{"99.sigmoid." + body, "newer version"},
		{"0.sigmoid." + body, "not a version"},
		{"x.sigmoid." + body, "not a version"},
		{"-1.sigmoid." + body, "not a version"},
		{"1.Sigmoid." + body, "names no scene"},
		{"1.." + body, "names no scene"},
		{"1.sigmoid." + body[:len(body)/2], "cut short"},
		{"1.sigmoid." + body[:len(body)-3], ""},
		{"1.sigmoid." + body + "AAAA", "extra text"},
		{"1.sigmoid." + body + "=", "base64url"},
		{"1.sigmoid." + strings.Replace(body, body[10:11], "+", 1), "base64url"},
		{"1.sigmoid.AAAA", "base64url"},
		{"1.sigmoid." + strings.Repeat("A", MaxCodeLen), "characters long"},
	} {
		_, _, err := Decode(tc.code)
		require.Error(t, err, "%q", tc.code)
		assert.Contains(t, err.Error(), tc.want, "%q", tc.code)
		assert.NotContains(t, err.Error(), "\n")
	}
	_, _, err = Decode("2.sigmoid." + body)
	assert.True(t, errors.Is(err, ErrNewer))

	// A changed character anywhere in the body is caught.
	for i := range len(body) {
		c := byte('A')
		if body[i] == 'A' {
			c = 'B'
		}
		bad := "1.sigmoid." + body[:i] + string(c) + body[i+1:]
		_, p, err := Decode(bad)
		if err == nil {
			assert.Equal(t, sample, string(p), "a changed character at %d went unnoticed", i)
		}
	}
	_, err = Encode("No Scene", nil)
	assert.Error(t, err)
}

// A code that unpacks to more than MaxPayloadLen is refused, however
// small it is.
func TestBomb(t *testing.T) {
	code, err := Encode("recall", bytes.Repeat([]byte{'a'}, MaxPayloadLen+10))
	require.NoError(t, err)
	require.Less(t, len(code), MaxCodeLen)
	_, _, err = Decode(code)
	assert.ErrorContains(t, err, "unpacks to more")
}

func TestFromText(t *testing.T) {
	assert.Equal(t, "1.a.b", FromText(" 1.a.b \n"))
	assert.Equal(t, "1.a.b", FromText("https://example.org/#scene=a&seed=1&code=1.a.b"))
	assert.Equal(t, "1.a.b", FromText("#code=1.a.b&seed=2"))
}

// FuzzDecode: no code makes Decode panic, every error is one short line,
// and whatever it accepts encodes and decodes again to the same payload.
// Seed corpus: testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	good, _ := Encode("recall", []byte(sample))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add("2" + good[1:])
	f.Fuzz(func(t *testing.T, code string) {
		scene, p, err := Decode(code)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 200 {
				t.Fatalf("message is not one short line: %q", msg)
			}
			return
		}
		again, err := Encode(scene, p)
		if err != nil {
			t.Fatal(err)
		}
		s2, p2, err := Decode(again)
		if err != nil || s2 != scene || !bytes.Equal(p, p2) {
			t.Fatalf("round trip changed the code: %v", err)
		}
	})
}
