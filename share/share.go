// Package share turns a scene's saved state into a short code that fits in
// a link or on a clipboard, and back. It knows nothing of the scenes: a
// code carries the scene's name and a payload of bytes (the state's JSON),
// and Decode checks only that the code is whole and of a version this
// build reads. It imports nothing of Ebitengine, so its rules are tested
// without a display.
//
// A code is three parts joined by dots:
//
//	1.recall.AAAAAAAA...
//
// the format version (1), the scene's short name, and the payload
// compressed with DEFLATE, prefixed with the CRC-32 (IEEE) of the
// uncompressed payload, in base64url without padding. The checksum makes a
// code that was cut short or mistyped fail as a whole instead of opening
// something else.
package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strconv"
	"strings"
)

// Version is the code format this build writes and the newest it reads.
const Version = 1

// Limits on what Decode accepts: the length of a code, and of the payload
// it inflates to (so a small code cannot unpack into something huge).
const (
	MaxCodeLen    = 48 << 10
	MaxPayloadLen = 256 << 10
	maxSceneLen   = 32
)

// ErrNewer is what a code of a format newer than Version is refused with
// (errors.Is finds it).
var ErrNewer = errors.New("the code was made by a newer version of the lab")

// newer is the error for a code of format v, newer than Version.
type newer struct{ v int }

func (e newer) Error() string {
	return ErrNewer.Error() + " (format " + strconv.Itoa(e.v) + "; this one reads up to " + strconv.Itoa(Version) + ")"
}

func (e newer) Is(target error) bool { return target == ErrNewer }

// Encode returns the code for payload, a state of the named scene.
func Encode(scene string, payload []byte) (string, error) {
	if !nameOK(scene) {
		return "", fmt.Errorf("share: %q is not a scene name", scene)
	}
	var buf bytes.Buffer
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc32.ChecksumIEEE(payload))
	buf.Write(sum[:])
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(payload); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return strconv.Itoa(Version) + "." + scene + "." + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// Decode reads a code made by Encode and returns its scene and payload. It
// refuses, with an error of one short line, a code that is empty, too
// long, not of three parts, of an unknown or newer version (ErrNewer),
// not base64url, cut short, or whose checksum does not match.
func Decode(code string) (scene string, payload []byte, err error) {
	code = strings.TrimSpace(code)
	switch {
	case code == "":
		return "", nil, errors.New("the code is empty")
	case len(code) > MaxCodeLen:
		return "", nil, errors.New("the code is " + strconv.Itoa(len(code)) + " characters long, more than a code can be")
	}
	parts := strings.SplitN(code, ".", 3)
	if len(parts) != 3 {
		return "", nil, errors.New("this is not a share code (it should look like 1.scene.…)")
	}
	v, err := strconv.Atoi(parts[0])
	switch {
	case err != nil || v < 1 || len(parts[0]) > 4:
		return "", nil, errors.New("the code's format is not a version number")
	case v > Version:
		return "", nil, newer{v}
	}
	scene = parts[1]
	if !nameOK(scene) {
		return "", nil, errors.New("the code names no scene")
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(parts[2])
	if err != nil || len(raw) < 5 {
		return "", nil, errors.New("the code is cut short or damaged: its text is not whole base64url")
	}
	src := bytes.NewReader(raw[4:])
	r := flate.NewReader(src)
	payload, err = io.ReadAll(io.LimitReader(r, MaxPayloadLen+1))
	if err != nil {
		return "", nil, errors.New("the code is cut short or damaged")
	}
	if len(payload) > MaxPayloadLen {
		return "", nil, errors.New("the code unpacks to more than a state can be")
	}
	if src.Len() != 0 {
		return "", nil, errors.New("the code is damaged: it has extra text at its end")
	}
	if binary.BigEndian.Uint32(raw[:4]) != crc32.ChecksumIEEE(payload) {
		return "", nil, errors.New("the code is damaged: its checksum does not match")
	}
	return scene, payload, nil
}

// nameOK reports whether s can be a scene's short name: lower-case
// letters, digits and '-'.
func nameOK(s string) bool {
	if s == "" || len(s) > maxSceneLen {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// FromText finds a code in text a person pasted: the code itself, or a
// link whose hash carries "code=…".
func FromText(text string) string {
	text = strings.TrimSpace(text)
	if _, rest, ok := strings.Cut(text, "code="); ok {
		text, _, _ = strings.Cut(rest, "&")
	}
	return strings.TrimSpace(text)
}
