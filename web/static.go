package web

import (
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
}

func loadStatic() (*staticFiles, error) {
	st := &staticFiles{files: map[string][]byte{}, hash: map[string]string{}}
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
	_, _ = w.Write(b)
	return nil
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, s.static.url("icon.svg"), http.StatusMovedPermanently)
	return nil
}
