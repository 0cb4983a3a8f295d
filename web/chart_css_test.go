package web_test

import (
	"os"
	"strings"
	"testing"

	"github.com/securebase/securebase/chart"
)

// TestChartCSSInAppCSS: app.css carries package chart's stylesheet word
// for word (the CSP forbids inline styles, so the charts' classes are
// styled from the one stylesheet); a change to either side shows here.
func TestChartCSSInAppCSS(t *testing.T) {
	css, err := os.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(css), chart.CSS) {
		t.Fatal("web/static/app.css does not hold chart.CSS as it is: copy chart/style.go's CSS into it")
	}
}
