// Package fileio reads and writes the lab's files safely: a save replaces
// the old file whole or not at all, a read is bounded in size before any of
// it is parsed, and JSON is decoded strictly. It has no Ebitengine import,
// so the command-line tools, the scenes and the tests share it.
package fileio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteAtomic writes data to path so that path holds either its old
// contents or all of data, whatever happens: the bytes go to a temporary
// file in the same folder, which is synced to disk and then renamed over
// path. On any error the temporary file is removed and path is left as it
// was. A new file gets mode 0644; an existing one keeps its mode. Errors
// are *fs.PathError with Op "save".
func WriteAtomic(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if base == "" {
		return &fs.PathError{Op: "save", Path: path, Err: errors.New("no file name")}
	}
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return &fs.PathError{Op: "save", Path: path, Err: errors.New("not a regular file")}
		}
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	if err := tmp.Sync(); err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	if err := tmp.Chmod(mode); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	if err := tmp.Close(); err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	if err := os.Rename(name, path); err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	ok = true
	// The rename is durable once the folder is synced; where a folder
	// cannot be synced the file is still whole.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// CheckWritable reports whether a file can be saved at path, by creating
// and removing a temporary file beside it, so that a command can refuse a
// bad path before it starts a long run instead of after. Errors are
// *fs.PathError with Op "save".
func CheckWritable(path string) error {
	dir, base := filepath.Split(path)
	if base == "" {
		return &fs.PathError{Op: "save", Path: path, Err: errors.New("no file name")}
	}
	if dir == "" {
		dir = "."
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return &fs.PathError{Op: "save", Path: path, Err: errors.New("not a regular file")}
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return &fs.PathError{Op: "save", Path: path, Err: unwrapPath(err)}
	}
	tmp.Close()
	return os.Remove(tmp.Name())
}

// SameFile reports whether paths a and b name the same existing file
// (through links or different spellings). It is false when either does
// not exist.
func SameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}

// TooLargeError is a file or stream longer than its bound.
type TooLargeError struct {
	Name string // path, or a description of the stream
	Size int64  // its size when known, else -1 (it is at least Max+1)
	Max  int64
}

func (e *TooLargeError) Error() string {
	if e.Size >= 0 {
		return fmt.Sprintf("%s is %s, more than the limit of %s", e.Name, Bytes(e.Size), Bytes(e.Max))
	}
	return fmt.Sprintf("%s is more than the limit of %s", e.Name, Bytes(e.Max))
}

// ReadLimited reads the whole file at path if it holds at most max bytes.
// The size is checked before anything is read, and the read itself stops
// after max+1 bytes, so a device or pipe that never ends (/dev/zero) or a
// file that grows while read is refused too. A folder is refused.
func ReadLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errors.New("is a folder, not a file")}
	}
	if st.Mode().IsRegular() && st.Size() > max {
		return nil, &TooLargeError{Name: path, Size: st.Size(), Max: max}
	}
	data, err := ReadAllLimited(f, max)
	var tl *TooLargeError
	if errors.As(err, &tl) {
		tl.Name = path
	}
	return data, err
}

// ReadAllLimited reads r to its end if it holds at most max bytes, and
// stops with a *TooLargeError after max+1 bytes otherwise.
func ReadAllLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Name: "the input", Size: -1, Max: max}
	}
	return data, nil
}

// bom is the UTF-8 byte-order mark that some editors (and spreadsheet
// exports) put at the start of a text file.
var bom = []byte{0xEF, 0xBB, 0xBF}

// StripBOM returns data without a leading UTF-8 byte-order mark.
func StripBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, bom)
}

// Bytes prints a size in bytes short: 512 bytes, 3.2 MB, 1.5 GB.
func Bytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1e6:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1e9:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f GB", float64(n)/1e9)
}

// unwrapPath drops the operation and path an *fs.PathError repeats (a
// temporary file's name means nothing to the person saving), keeping the
// cause.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
