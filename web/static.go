package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/securebase/securebase"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded assets. Each is hashed once at start;
// pages link to /static/NAME?v=HASH and those responses are cached for a
// year, so a returning visitor downloads nothing until a file changes.
type staticFiles struct {
	files map[string][]byte
	hash  map[string]string
	gz    map[string][]byte // text files gzipped once at start, sent to browsers that accept it
}

func loadStatic() (*staticFiles, error) {
	st := &staticFiles{files: map[string][]byte{}, hash: map[string]string{}, gz: map[string][]byte{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(b)
		st.files[name], st.hash[name] = b, hex.EncodeToString(sum[:6])
		switch path.Ext(name) {
		case ".css", ".js", ".svg":
			var z bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
			_, _ = zw.Write(b)
			if err := zw.Close(); err != nil {
				return err
			}
			st.gz[name] = z.Bytes()
		}
		return nil
	})
	return st, err
}

// url returns the versioned address of an asset; templates call it.
func (st *staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + st.hash[name]
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	b, ok := s.static.files[name]
	if !ok {
		return securebase.Errorf(securebase.ENOTFOUND, "There's no such file.")
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	if v := r.URL.Query().Get("v"); v != "" && v == s.static.hash[name] {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", `"`+s.static.hash[name]+`"`)
	}
	h.Add("Vary", "Accept-Encoding")
	if gz, ok := s.static.gz[name]; ok && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		b = gz
	}
	_, _ = w.Write(b)
	return nil
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			return strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0"
		}
	}
	return false
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, s.static.url("icon.svg"), http.StatusMovedPermanently)
	return nil
}
