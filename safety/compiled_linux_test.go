package safety

import (
	"os"
	"testing"
	"unsafe"
)

// TestMapsLineCovers: the trie's pages are released only from a private,
// read-only mapping of a file that holds them all.
func TestMapsLineCovers(t *testing.T) {
	const first, last = 0x1000, 0x3000
	for _, c := range []struct {
		line      string
		ok, known bool
	}{
		{"00001000-00004000 r--p 00000000 fd:01 1234 /usr/bin/securebase", true, true},
		{"00000000-00004000 r--p 00000000 fd:01 1234 /usr/bin/securebase", true, true},
		{"00001000-00004000 rw-p 00000000 00:00 0 ", false, true},
		{"00001000-00004000 r--p 00000000 00:00 0 [heap]", false, true},
		{"00001000-00004000 r--p 00000000 00:00 0", false, true},
		{"00001000-00004000 rw-p 00000000 fd:01 1234 /usr/bin/securebase", false, true},
		{"00001000-00004000 r--s 00000000 fd:01 1234 /dev/shm/x", false, true},
		{"00002000-00004000 r--p 00000000 fd:01 1234 /usr/bin/securebase", false, false},
		{"00001000-00002000 r--p 00000000 fd:01 1234 /usr/bin/securebase", false, false},
		{"garbage", false, false},
	} {
		ok, known := mapsLineCovers(c.line, first, last)
		if ok != c.ok || known != c.known {
			t.Errorf("%q: ok %v known %v, want %v %v", c.line, ok, known, c.ok, c.known)
		}
	}
	// In this test binary the trie lies in a mapping of the binary itself.
	page := uintptr(os.Getpagesize())
	lo := uintptr(unsafe.Pointer(unsafe.StringData(compiledTrie)))
	if !fileBacked((lo+page-1)&^(page-1), (lo+uintptr(len(compiledTrie)))&^(page-1)) {
		t.Error("the embedded trie is not in a file-backed read-only mapping of this binary")
	}
}
