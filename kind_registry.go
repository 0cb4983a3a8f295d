package securebase

import "sync"

// registry is kinds() built once, with an index by kind. The registry is
// fixed when the program starts, and InfoOf runs on every Decode (a page
// of a heavy year decodes hundreds of entries), where building the whole
// list each time was a tenth of Today's CPU (issue 15, speed).
var registry = sync.OnceValues(func() ([]KindInfo, map[Kind]int) {
	infos := kinds()
	index := make(map[Kind]int, len(infos))
	for i, in := range infos {
		index[in.Kind] = i
	}
	return infos, index
})
