package safety

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// releasePages tells the kernel that the whole pages of s, which lie in the
// binary's read-only data, are not needed now. Reading trie.bin at start
// (its CRC and the index checks) brings all of it (14 MB at round 63) into
// memory; after this only the pages a check walks come back, read again
// from the binary as they are touched. The pages were never written, so
// nothing is lost. It is only advice: an error changes nothing.
//
// It is done only when the pages are mapped from a file. Were the binary
// unpacked into anonymous memory (a compressed executable, say), dropping
// the pages would turn the trie into zeros and the check would silently
// find nothing, so then the memory is kept.
func releasePages(s string) {
	page := uintptr(os.Getpagesize())
	lo := uintptr(unsafe.Pointer(unsafe.StringData(s))) // #nosec G103 -- the address of embedded data, to round it to pages
	first := (lo + page - 1) &^ (page - 1)
	last := (lo + uintptr(len(s))) &^ (page - 1)
	if last <= first || !fileBacked(first, last) {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), first-lo)), last-first) // #nosec G103 -- whole pages inside s; the kernel only reads the range
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED)
}

// fileBacked reports whether the addresses [first, last) lie in one
// read-only mapping of a file, by /proc/self/maps; false when unsure.
func fileBacked(first, last uintptr) bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if ok, known := mapsLineCovers(sc.Text(), first, last); known {
			return ok
		}
	}
	return false
}

// mapsLineCovers reads one line of /proc/<pid>/maps ("start-end perms
// offset dev inode path"): known is whether the mapping holds [first,
// last), and ok whether it is a private, read-only mapping of a file.
func mapsLineCovers(line string, first, last uintptr) (ok, known bool) {
	fields := strings.Fields(line)
	if len(fields) < 5 {
		return false, false
	}
	from, to, found := strings.Cut(fields[0], "-")
	start, err1 := strconv.ParseUint(from, 16, 64)
	end, err2 := strconv.ParseUint(to, 16, 64)
	if !found || err1 != nil || err2 != nil || uint64(first) < start || uint64(last) > end {
		return false, false
	}
	perms, inode := fields[1], fields[4]
	path := ""
	if len(fields) >= 6 {
		path = fields[5]
	}
	return strings.HasPrefix(perms, "r-") && strings.HasSuffix(perms, "p") && inode != "0" &&
		path != "" && !strings.HasPrefix(path, "["), true
}
