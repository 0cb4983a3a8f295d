package web

// CachedItems is how many results the per-person cache holds for people
// (user 0's, the crisis lines of a country, belong to nobody), for tests
// in package web_test.
func CachedItems(s *Server) int {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	n := 0
	for k := range s.cache.items {
		if k.user != 0 {
			n++
		}
	}
	return n
}
