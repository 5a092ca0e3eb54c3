package deploycheck

// Tests that the nginx template renders, passes nginx -t, and serves the SPA,
// proxies the API and keeps /metrics inside, with the security headers.

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// renderTemplate substitutes ${NAME} for the given names only, as the official image's
// envsubst step (restricted to defined variables) and backend/cmd/devstack do.
func renderTemplate(t *testing.T, vars map[string]string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "nginx", "switchboard.conf.template"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for k, v := range vars {
		s = strings.ReplaceAll(s, "${"+k+"}", v)
	}
	if m := regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*\}`).FindString(s); m != "" {
		t.Fatalf("template still holds %s after substitution: use only SWITCHBOARD_UPSTREAM, LISTEN_PORT, SPA_ROOT, and no braced nginx variables", m)
	}
	return s
}

func nginxBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("nginx")
	if err != nil {
		for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
			if _, serr := os.Stat(p); serr == nil {
				return p
			}
		}
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx is not installed; CI must install it (apt-get install nginx)")
		}
		t.Skip("nginx not installed (apt-get install nginx)")
	}
	return path
}

// nginxPrefix lays out a run directory the way devstack does: nginx.conf and mime.types
// from nginx/, the rendered server block as switchboard.conf.
func nginxPrefix(t *testing.T, rendered string) string {
	t.Helper()
	root := repoRoot(t)
	dir := t.TempDir()
	for _, d := range []string{"logs", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"nginx.conf", "mime.types"} {
		b, err := os.ReadFile(filepath.Join(root, "nginx", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "switchboard.conf"), []byte(rendered), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// nginxGlobals: as root, nginx would run its workers as nobody, who may not read a
// checkout under /root; run them as the invoking user instead.
func nginxGlobals(extra string) string {
	g := extra
	if os.Geteuid() == 0 {
		g += " user root;"
	}
	return strings.TrimSpace(g)
}

func TestNginxTemplateRendersAndPassesNginxT(t *testing.T) {
	rendered := renderTemplate(t, map[string]string{
		// Both forms compose and devstack use; an unresolvable host name would fail -t.
		"SWITCHBOARD_UPSTREAM": "127.0.0.1:18080",
		"LISTEN_PORT":          "127.0.0.1:18081",
		"SPA_ROOT":             "/usr/share/switchboard",
	})
	for _, want := range []string{
		"try_files $uri $uri/ /index.html", "immutable", "no-cache", "gzip on",
		"frame-ancestors 'none'", "style-src 'self' 'unsafe-inline'", "X-Content-Type-Options",
		"Referrer-Policy", "client_max_body_size 1m", "client_max_body_size 50m",
		"X-Forwarded-For", "X-Real-IP", "X-Forwarded-Proto",
	} {
		if !strings.Contains(rendered, want) {
			t.Errorf("rendered template lacks %q", want)
		}
	}
	bin := nginxBinary(t)
	dir := nginxPrefix(t, rendered)
	out, err := exec.Command(bin, "-t", "-p", dir+"/", "-c", "nginx.conf", "-e", "logs/error.log", "-g", nginxGlobals("")).CombinedOutput()
	if err != nil {
		t.Fatalf("nginx -t rejects the rendered config: %v\n%s", err, out)
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestNginxServes runs nginx with the repo config in front of a fake upstream and a fake
// SPA build, and checks what a browser and a BBB integration see.
func TestNginxServes(t *testing.T) {
	bin := nginxBinary(t)

	type seen struct{ path, xff, realIP, proto string }
	got := make(chan seen, 16)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		got <- seen{r.URL.RequestURI(), r.Header.Get("X-Forwarded-For"), r.Header.Get("X-Real-IP"), r.Header.Get("X-Forwarded-Proto")}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"upstream":true}`)
	}))
	defer upstream.Close()

	spa := t.TempDir()
	if err := os.Chmod(spa, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(spa, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	index := `<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`
	js := strings.Repeat("console.log('switchboard');\n", 200)
	for name, body := range map[string]string{"index.html": index, "assets/index-abc123.js": js} {
		if err := os.WriteFile(filepath.Join(spa, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	port := freePort(t)
	rendered := renderTemplate(t, map[string]string{
		"SWITCHBOARD_UPSTREAM": strings.TrimPrefix(upstream.URL, "http://"),
		"LISTEN_PORT":          fmt.Sprintf("127.0.0.1:%d", port),
		"SPA_ROOT":             spa,
	})
	dir := nginxPrefix(t, rendered)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-p", dir+"/", "-c", "nginx.conf", "-e", "logs/error.log", "-g", nginxGlobals("daemon off;"))
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/index.html")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "logs", "error.log"))
			t.Fatalf("nginx did not come up: %v\n%s", err, b)
		}
		time.Sleep(50 * time.Millisecond)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, body io.Reader, hdr map[string]string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, base+path, body)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	security := func(path string, resp *http.Response) {
		t.Helper()
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", path, resp.Header.Get("X-Content-Type-Options"))
		}
		if resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: no Referrer-Policy", path)
		}
	}

	// SPA routes fall back to index.html, uncached.
	for _, path := range []string{"/", "/r/abc-defg-hjk", "/m/some-moderator-key", "/rooms/42"} {
		resp, body := do("GET", path, nil, nil)
		if resp.StatusCode != 200 || body != index {
			t.Errorf("GET %s = %d %q, want index.html", path, resp.StatusCode, body)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s Cache-Control = %q, want no-cache", path, cc)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s Content-Type = %q", path, ct)
		}
		security(path, resp)
	}

	// Hashed assets: long immutable cache, gzip, right type; a missing one is a 404.
	resp, body := do("GET", "/assets/index-abc123.js", nil, map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("asset: status %d, Content-Encoding %q; want 200 gzip", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
	if len(body) >= len(js) {
		t.Errorf("asset body not compressed (%d bytes of %d)", len(body), len(js))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("asset Cache-Control = %q", cc)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("asset Content-Type = %q", ct)
	}
	security("/assets/", resp)
	if resp, _ := do("GET", "/assets/missing-000.js", nil, nil); resp.StatusCode != 404 {
		t.Errorf("missing asset = %d, want 404", resp.StatusCode)
	}

	// Proxied paths reach the upstream with the client address forwarded.
	for _, path := range []string{"/api/v1/me", "/join/abc-defg-hjk?name=Ann", "/join/m/key?name=Bo", "/bigbluebutton/api/getMeetings?checksum=x", "/healthz", "/readyz"} {
		resp, body := do("GET", path, nil, map[string]string{"X-Forwarded-For": "203.0.113.9"})
		if resp.StatusCode != 200 || !strings.Contains(body, "upstream") {
			t.Errorf("GET %s = %d %q, want the upstream's answer", path, resp.StatusCode, body)
			continue
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "" {
			t.Errorf("GET %s: nginx added Cache-Control %q to a proxied answer", path, cc)
		}
		select {
		case s := <-got:
			if s.path != path {
				t.Errorf("upstream saw %q, want %q", s.path, path)
			}
			if s.realIP != "127.0.0.1" || s.xff != "203.0.113.9, 127.0.0.1" || s.proto != "http" {
				t.Errorf("GET %s forwarded X-Real-IP=%q X-Forwarded-For=%q X-Forwarded-Proto=%q", path, s.realIP, s.xff, s.proto)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("GET %s: upstream saw nothing", path)
		}
	}

	// /metrics stays inside.
	for _, path := range []string{"/metrics", "/metrics/"} {
		if resp, _ := do("GET", path, nil, nil); resp.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
	if len(got) != 0 {
		t.Errorf("/metrics reached the upstream")
	}

	// Body limits: 1m for the API, 50m for the BBB gateway.
	big := strings.Repeat("x", 2<<20)
	if resp, body := do("POST", "/api/v1/rooms", strings.NewReader(big), map[string]string{"Content-Type": "application/json"}); resp.StatusCode != 413 {
		t.Errorf("POST 2 MiB to /api = %d, want 413", resp.StatusCode)
	} else {
		security("413", resp)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"code":"too_large"`) {
			t.Errorf("nginx's 413 on /api is not the API's JSON error: %s %q", resp.Header.Get("Content-Type"), body)
		}
	}
	if resp, _ := do("POST", "/bigbluebutton/api/create?checksum=x", strings.NewReader(big), map[string]string{"Content-Type": "application/xml"}); resp.StatusCode != 200 {
		t.Errorf("POST 2 MiB to /bigbluebutton = %d, want 200", resp.StatusCode)
	} else {
		<-got
	}
}
