package content

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// newMarkdown is the one Markdown configuration: CommonMark with typographic
// quotes and dashes. Raw HTML stays off (goldmark's default), and
// render refuses a file that has any, so lesson text can never carry a
// script or a style past the page's Content-Security-Policy.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Typographer))
}

// rendered is one Markdown body, parsed and rendered once.
type rendered struct {
	html     template.HTML
	blocks   []block  // the text a person reads, for Stats
	links    []string // every link destination, in order
	headings []string // the text of every heading, in order
}

// render parses and renders a Markdown body and checks its shape: headings
// start at level 2 (the page's title is the h1) and never skip a level;
// no raw HTML, no images; every link stays inside the app (a path
// beginning with one "/").
func render(md goldmark.Markdown, src []byte) (rendered, error) {
	var out rendered
	doc := md.Parser().Parse(text.NewReader(src))
	level := 1
	var problem error
	fail := func(format string, args ...any) ast.WalkStatus {
		if problem == nil {
			problem = fmt.Errorf(format, args...)
		}
		return ast.WalkStop
	}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level < 2 || n.Level > level+1 {
				return fail("a level-%d heading after level %d: start at ## and go down one level at a time", n.Level, level), nil
			}
			level = n.Level
			t := inlineText(n, src)
			out.headings = append(out.headings, t)
			out.blocks = append(out.blocks, block{text: t, heading: true})
			return ast.WalkContinue, nil
		case *ast.Paragraph, *ast.TextBlock:
			out.blocks = append(out.blocks, block{text: inlineText(n, src)})
			return ast.WalkContinue, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			return fail("raw HTML is not allowed in lessons"), nil
		case *ast.Image:
			return fail("images are not allowed in lessons"), nil
		case *ast.AutoLink:
			return fail("a bare address (%s): lessons link only inside the app", n.URL(src)), nil
		case *ast.Link:
			dest := string(n.Destination)
			if err := localLink(dest); err != nil {
				return fail("%v", err), nil
			}
			out.links = append(out.links, dest)
		}
		return ast.WalkContinue, nil
	})
	if err == nil {
		err = problem
	}
	if err != nil {
		return out, err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return out, err
	}
	// #nosec G203 -- goldmark's output for our own embedded Markdown, with raw HTML refused above and links checked to be local paths
	out.html = template.HTML(buf.String())
	return out, nil
}

// localLink accepts a path inside the app ("/body/breathe",
// "/learn/faq#is-this-a-diagnosis") and refuses everything else: other
// sites, schemes, protocol-relative addresses.
func localLink(dest string) error {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return fmt.Errorf("the link %q leaves the app: lessons link only to paths inside it, such as /body/breathe", dest)
	}
	return nil
}

// inlineText is the text of a block's inline content, as a reader sees it:
// typographic entities decoded, soft line breaks as spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
