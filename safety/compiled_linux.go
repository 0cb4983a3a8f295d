package safety

import (
	"os"
	"syscall"
	"unsafe"
)

// releasePages tells the kernel that the whole pages of s, which lie in the
// binary's read-only data, are not needed now. Reading trie.bin at start
// (its CRC and the index checks) brings all 7 MB of it into memory; after
// this only the pages a check walks come back, read again from the binary
// as they are touched. The pages were never written, so nothing is lost.
// It is only advice: an error changes nothing.
func releasePages(s string) {
	page := uintptr(os.Getpagesize())
	lo := uintptr(unsafe.Pointer(unsafe.StringData(s))) // #nosec G103 -- the address of embedded data, to round it to pages
	first := (lo + page - 1) &^ (page - 1)
	last := (lo + uintptr(len(s))) &^ (page - 1)
	if last <= first {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), first-lo)), last-first) // #nosec G103 -- whole pages inside s; the kernel only reads the range
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED)
}
