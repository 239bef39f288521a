package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	require.NoError(t, WriteAtomic(path, []byte("first")))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "first", string(got))

	require.NoError(t, os.Chmod(path, 0o600))
	require.NoError(t, WriteAtomic(path, []byte("second, longer")))
	got, _ = os.ReadFile(path)
	assert.Equal(t, "second, longer", string(got))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "an existing file keeps its mode")

	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file is left behind")
}

// A save that fails leaves the old file as it was and no temporary file.
func TestWriteAtomicFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	require.NoError(t, os.WriteFile(path, []byte("good"), 0o644))

	// The folder refuses new files: the temporary file cannot be made.
	if os.Getuid() != 0 && runtime.GOOS != "windows" {
		require.NoError(t, os.Chmod(dir, 0o555))
		err := WriteAtomic(path, []byte("bad"))
		require.NoError(t, os.Chmod(dir, 0o755))
		require.Error(t, err)
		got, _ := os.ReadFile(path)
		assert.Equal(t, "good", string(got))
	}

	// A path that is a folder is not replaced.
	sub := filepath.Join(dir, "sub")
	require.NoError(t, os.Mkdir(sub, 0o755))
	assert.Error(t, WriteAtomic(sub, []byte("x")))
	st, err := os.Stat(sub)
	require.NoError(t, err)
	assert.True(t, st.IsDir())

	// A missing folder fails before anything is written.
	assert.Error(t, WriteAtomic(filepath.Join(dir, "no", "such", "m.json"), []byte("x")))
	assert.Error(t, WriteAtomic(dir+"/", []byte("x")))

	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 2, "only m.json and sub")
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	assert.NoError(t, CheckWritable(filepath.Join(dir, "new.json")))
	assert.Error(t, CheckWritable(filepath.Join(dir, "missing", "new.json")))
	assert.Error(t, CheckWritable(dir))
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries)
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	require.NoError(t, os.WriteFile(a, []byte("1"), 0o644))
	assert.True(t, SameFile(a, filepath.Join(dir, ".", "a.csv")))
	link := filepath.Join(dir, "link.csv")
	if os.Symlink(a, link) == nil {
		assert.True(t, SameFile(a, link))
	}
	assert.False(t, SameFile(a, filepath.Join(dir, "b.csv")))
}

func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.csv")
	require.NoError(t, os.WriteFile(path, []byte("0123456789"), 0o644))
	got, err := ReadLimited(path, 10)
	require.NoError(t, err)
	assert.Equal(t, "0123456789", string(got))

	_, err = ReadLimited(path, 9)
	var tl *TooLargeError
	require.True(t, errors.As(err, &tl), "%v", err)
	assert.EqualValues(t, 10, tl.Size)
	assert.Equal(t, path+" is 10 bytes, more than the limit of 9 bytes", err.Error())

	_, err = ReadLimited(dir, 100)
	assert.ErrorContains(t, err, "folder")
	_, err = ReadLimited(filepath.Join(dir, "missing"), 100)
	assert.True(t, errors.Is(err, os.ErrNotExist))

	// A device that never ends is read only up to the limit.
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, err = ReadLimited("/dev/zero", 1<<20)
		require.True(t, errors.As(err, &tl), "%v", err)
		assert.Equal(t, "/dev/zero is more than the limit of 1.0 MB", err.Error())
	}
	_, err = ReadAllLimited(strings.NewReader("abc"), 2)
	assert.True(t, errors.As(err, &tl))
}

func TestStripBOM(t *testing.T) {
	assert.Equal(t, "1,0\n", string(StripBOM([]byte("\xef\xbb\xbf1,0\n"))))
	assert.Equal(t, "1,0\n", string(StripBOM([]byte("1,0\n"))))
	assert.Equal(t, "", string(StripBOM([]byte("\xef\xbb\xbf"))))
}

func TestBytes(t *testing.T) {
	assert.Equal(t, "999 bytes", Bytes(999))
	assert.Equal(t, "33.6 MB", Bytes(32<<20+1))
	assert.Equal(t, "1.5 GB", Bytes(1.5e9))
}
