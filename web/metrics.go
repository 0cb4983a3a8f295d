package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Metrics counts requests in the Prometheus text format. It is small and
// hand-written on purpose: a few counters and one histogram do not need a
// client library and its dependencies in the binary.
type Metrics struct {
	inFlight atomic.Int64
	started  time.Time

	mu       sync.Mutex
	requests map[routeStatus]uint64
	buckets  map[string]*histogram
	gauges   map[string]func() float64
}

type routeStatus struct {
	route  string
	status int
}

type histogram struct {
	counts []uint64 // one per bound, then +Inf
	sum    float64
	total  uint64
}

// latencyBounds are the histogram's upper bounds in seconds.
var latencyBounds = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}

// NewMetrics returns an empty set of metrics.
func NewMetrics() *Metrics {
	return &Metrics{started: time.Now(), requests: map[routeStatus]uint64{},
		buckets: map[string]*histogram{}, gauges: map[string]func() float64{}}
}

// Gauge registers a value read at scrape time (database size, users).
func (m *Metrics) Gauge(name string, fn func() float64) {
	m.mu.Lock()
	m.gauges[name] = fn
	m.mu.Unlock()
}

func (m *Metrics) observe(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeStatus{route, status}]++
	h := m.buckets[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBounds)+1)}
		m.buckets[route] = h
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(latencyBounds, sec)
	h.counts[i]++
	h.sum += sec
	h.total++
}

// ServeHTTP writes the metrics. Serve it on its own listener, never on
// the public one.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	m.write(w)
}

func (m *Metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# TYPE securebase_requests_total counter")
	keys := make([]routeStatus, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].route < keys[j].route || keys[i].route == keys[j].route && keys[i].status < keys[j].status
	})
	for _, k := range keys {
		fmt.Fprintf(w, "securebase_requests_total{route=%q,status=\"%d\"} %d\n", k.route, k.status, m.requests[k])
	}
	fmt.Fprintln(w, "# TYPE securebase_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.buckets))
	for r := range m.buckets {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.buckets[r]
		var cum uint64
		for i, b := range latencyBounds {
			cum += h.counts[i]
			fmt.Fprintf(w, "securebase_request_duration_seconds_bucket{route=%q,le=%q} %d\n", r, strconv.FormatFloat(b, 'f', -1, 64), cum)
		}
		fmt.Fprintf(w, "securebase_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", r, h.total)
		fmt.Fprintf(w, "securebase_request_duration_seconds_sum{route=%q} %g\n", r, h.sum)
		fmt.Fprintf(w, "securebase_request_duration_seconds_count{route=%q} %d\n", r, h.total)
	}
	fmt.Fprintln(w, "# TYPE securebase_requests_in_flight gauge")
	fmt.Fprintf(w, "securebase_requests_in_flight %d\n", m.inFlight.Load())
	fmt.Fprintln(w, "# TYPE securebase_uptime_seconds gauge")
	fmt.Fprintf(w, "securebase_uptime_seconds %g\n", time.Since(m.started).Seconds())
	names := make([]string, 0, len(m.gauges))
	for n := range m.gauges {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "# TYPE %s gauge\n%s %g\n", n, n, m.gauges[n]())
	}
}
