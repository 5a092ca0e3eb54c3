// Package deploycheck validates the deployment files without a Docker engine: the compose
// file is loaded with compose-spec's own Go loader, the nginx template is rendered and
// checked by (and served with) the system nginx, and the Go binaries are built with exactly
// the flags backend/Dockerfile uses.
package deploycheck

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

// repoRoot walks up from the test's directory to the go.mod of module switchboard.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module switchboard") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod of module switchboard not found above the test directory")
		}
		dir = parent
	}
}

func mustExist(t *testing.T, path, what string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// loadCompose loads docker-compose.yml the way `docker compose` would with .env.example
// copied to .env, ignoring the caller's own environment so the result is reproducible.
func loadCompose(t *testing.T, profiles []string, opts ...cli.ProjectOptionsFn) *types.Project {
	t.Helper()
	root := repoRoot(t)
	all := append([]cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(root),
		cli.WithEnvFiles(filepath.Join(root, ".env.example")),
		cli.WithDotEnv,
		cli.WithProfiles(profiles),
	}, opts...)
	o, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")}, all...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := o.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose file does not load with profiles %v: %v", profiles, err)
	}
	return p
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	if err != nil {
		t.Fatalf("service %q: %v", name, err)
	}
	return s
}

func TestComposeDefaultProfile(t *testing.T) {
	p := loadCompose(t, nil)
	names := p.ServiceNames()
	slices.Sort(names)
	if want := []string{"app", "db", "web"}; !slices.Equal(names, want) {
		t.Fatalf("services without a profile = %v, want %v", names, want)
	}
	if _, ok := p.DisabledServices["bbbsim"]; !ok {
		t.Errorf("bbbsim should exist but be disabled without the demo profile")
	}

	db := service(t, p, "db")
	if !strings.HasPrefix(db.Image, "postgres:16") {
		t.Errorf("db image = %q, want postgres:16", db.Image)
	}
	checkHealthcheck(t, db, "pg_isready")
	namedVolume := false
	for _, v := range db.Volumes {
		if v.Type == types.VolumeTypeVolume && v.Target == "/var/lib/postgresql/data" {
			if _, ok := p.Volumes[v.Source]; !ok {
				t.Errorf("db volume %q is not declared under volumes:", v.Source)
			}
			namedVolume = true
		}
	}
	if !namedVolume {
		t.Errorf("db keeps its data in no named volume at /var/lib/postgresql/data")
	}

	app := service(t, p, "app")
	checkHealthcheck(t, app, "/readyz")
	checkDependsHealthy(t, app, "db")
	for _, k := range []string{"DATABASE_URL", "SWITCHBOARD_JWT_SECRET", "SWITCHBOARD_PUBLIC_URL", "SWITCHBOARD_GATEWAY_SECRET", "SWITCHBOARD_TRUSTED_PROXIES"} {
		if v := app.Environment[k]; v == nil || *v == "" {
			t.Errorf("app environment %s is empty with .env.example", k)
		}
	}
	if len(app.Ports) != 0 {
		t.Errorf("app publishes ports %v; only web should face the outside", app.Ports)
	}
	if v := app.Environment["SWITCHBOARD_NODES_FILE"]; v != nil && *v != "" {
		t.Errorf("SWITCHBOARD_NODES_FILE = %q without the demo: the app would seed nodes that do not exist", *v)
	}

	web := service(t, p, "web")
	checkDependsHealthy(t, web, "app")
	published := false
	for _, port := range web.Ports {
		if port.Target == 80 && port.Published == "8080" {
			published = true
		}
	}
	if !published {
		t.Errorf("web ports = %+v, want 8080:80", web.Ports)
	}
	if v := web.Environment["SWITCHBOARD_UPSTREAM"]; v == nil || *v != "app:8080" {
		t.Errorf("web SWITCHBOARD_UPSTREAM = %v, want app:8080", v)
	}

	checkFiles(t, p)
}

func TestComposeDemoProfile(t *testing.T) {
	p := loadCompose(t, []string{"demo"})
	names := p.ServiceNames()
	slices.Sort(names)
	if want := []string{"app", "bbbsim", "db", "demo-nodes", "web"}; !slices.Equal(names, want) {
		t.Fatalf("services with --profile demo = %v, want %v", names, want)
	}
	sim := service(t, p, "bbbsim")
	if !slices.Equal(sim.Profiles, []string{"demo"}) {
		t.Errorf("bbbsim profiles = %v, want [demo]", sim.Profiles)
	}
	cmd := strings.Join(sim.Command, " ")
	for _, want := range []string{"bbbsim", "-nodes 2", "-listen :9000", "-secret bbbsim-secret"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("bbbsim command %q lacks %q", cmd, want)
		}
	}
	app := service(t, p, "app")
	if sim.Image != app.Image {
		t.Errorf("bbbsim image %q differs from app image %q: bbbsim ships in the app image", sim.Image, app.Image)
	}

	// The one-shot demo-nodes service registers the demo nodes file once the app is
	// healthy, so `docker compose --profile demo up` alone gives a working portal.
	root := repoRoot(t)
	seed := service(t, p, "demo-nodes")
	if seed.Image != app.Image || !slices.Equal(seed.Profiles, []string{"demo"}) {
		t.Errorf("demo-nodes: image %q profiles %v", seed.Image, seed.Profiles)
	}
	checkDependsHealthy(t, seed, "app")
	var target string
	for _, v := range seed.Volumes {
		if v.Type == types.VolumeTypeBind && strings.HasSuffix(v.Source, filepath.Join("deploy", "demo-nodes.json")) {
			target = v.Target
		}
	}
	if target == "" {
		t.Fatalf("deploy/demo-nodes.json is not bind-mounted into demo-nodes")
	}
	if got := strings.Join(seed.Command, " "); got != "switchboard admin seed-nodes "+target {
		t.Errorf("demo-nodes command = %q", got)
	}
	nodes, err := os.ReadFile(filepath.Join(root, "deploy", "demo-nodes.json"))
	if err != nil {
		t.Fatal(err)
	}
	aliases := []string{}
	for _, n := range sim.Networks {
		if n != nil {
			aliases = append(aliases, n.Aliases...)
		}
	}
	for i := 1; i <= 2; i++ {
		host := fmt.Sprintf("http://bbbsim.localhost:9000/n/%d/bigbluebutton/api", i)
		if !strings.Contains(string(nodes), host) {
			t.Errorf("deploy/demo-nodes.json lacks %s", host)
		}
	}
	if !slices.Contains(aliases, "bbbsim.localhost") {
		t.Errorf("bbbsim network aliases %v lack bbbsim.localhost (the host in demo-nodes.json)", aliases)
	}
	if !strings.Contains(string(nodes), `"secret": "bbbsim-secret"`) {
		t.Errorf("deploy/demo-nodes.json secret differs from bbbsim's -secret bbbsim-secret")
	}
	checkFiles(t, p)
}

// TestComposeRequiresSecrets: with no .env the file must refuse to load rather than start
// with empty secrets.
func TestComposeRequiresSecrets(t *testing.T) {
	root := repoRoot(t)
	o, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")},
		cli.WithWorkingDirectory(root))
	if err != nil {
		t.Fatal(err)
	}
	_, err = o.LoadProject(context.Background())
	if err == nil || !strings.Contains(err.Error(), "POSTGRES_PASSWORD") && !strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("loading without .env: err = %v, want a required-variable error", err)
	}
}

func checkHealthcheck(t *testing.T, s types.ServiceConfig, contains string) {
	t.Helper()
	if s.HealthCheck == nil || len(s.HealthCheck.Test) == 0 || s.HealthCheck.Disable {
		t.Errorf("%s has no healthcheck", s.Name)
		return
	}
	if test := strings.Join(s.HealthCheck.Test, " "); !strings.Contains(test, contains) {
		t.Errorf("%s healthcheck %q does not use %q", s.Name, test, contains)
	}
}

func checkDependsHealthy(t *testing.T, s types.ServiceConfig, on string) {
	t.Helper()
	dep, ok := s.DependsOn[on]
	if !ok {
		t.Errorf("%s does not depend on %s", s.Name, on)
		return
	}
	if dep.Condition != types.ServiceConditionHealthy {
		t.Errorf("%s depends on %s with condition %q, want %q", s.Name, on, dep.Condition, types.ServiceConditionHealthy)
	}
}

// checkFiles: every build context, Dockerfile, file a Dockerfile COPYs from the context,
// and bind-mounted path exists.
func checkFiles(t *testing.T, p *types.Project) {
	t.Helper()
	for _, s := range p.Services {
		if s.Build != nil {
			ctx := s.Build.Context
			if !filepath.IsAbs(ctx) {
				ctx = filepath.Join(p.WorkingDir, ctx)
			}
			mustExist(t, ctx, s.Name+" build context")
			df := s.Build.Dockerfile
			if df == "" {
				df = "Dockerfile"
			}
			if !filepath.IsAbs(df) {
				df = filepath.Join(ctx, df)
			}
			mustExist(t, df, s.Name+" Dockerfile")
			for _, src := range dockerfileCopySources(t, df) {
				mustExist(t, filepath.Join(ctx, src), fmt.Sprintf("%s: COPY source in %s", s.Name, filepath.Base(df)))
			}
		}
		for _, v := range s.Volumes {
			if v.Type == types.VolumeTypeBind {
				mustExist(t, v.Source, s.Name+" bind mount")
			}
		}
		for _, ef := range s.EnvFiles {
			if ef.Required {
				mustExist(t, ef.Path, s.Name+" env_file")
			}
		}
	}
}

// dockerfileInstructions returns the Dockerfile's instructions with continuation lines joined.
func dockerfileInstructions(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || (line == "" && cur.Len() == 0) {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`) + " ")
			continue
		}
		cur.WriteString(line)
		out = append(out, strings.TrimSpace(cur.String()))
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

// dockerfileCopySources lists the build-context paths COPY reads (not COPY --from=stage).
func dockerfileCopySources(t *testing.T, path string) []string {
	var srcs []string
	for _, ins := range dockerfileInstructions(t, path) {
		f := strings.Fields(ins)
		if len(f) < 3 || !strings.EqualFold(f[0], "COPY") {
			continue
		}
		args := f[1:]
		fromStage := false
		for len(args) > 0 && strings.HasPrefix(args[0], "--") {
			if strings.HasPrefix(args[0], "--from=") {
				fromStage = true
			}
			args = args[1:]
		}
		if fromStage || len(args) < 2 {
			continue
		}
		srcs = append(srcs, args[:len(args)-1]...)
	}
	return srcs
}

// TestNoSecretsCommitted: secrets in docker-compose.yml come from ${VARIABLES}; .env is
// ignored by git; .env.example holds placeholders only.
func TestNoSecretsCommitted(t *testing.T) {
	root := repoRoot(t)
	// The raw model, before interpolation: what is written in the file.
	o, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")},
		cli.WithWorkingDirectory(root), cli.WithInterpolation(false), cli.WithProfiles([]string{"demo"}))
	if err != nil {
		t.Fatal(err)
	}
	model, err := o.LoadModel(context.Background())
	if err != nil {
		t.Fatalf("compose file does not load: %v", err)
	}
	services, _ := model["services"].(map[string]any)
	if len(services) == 0 {
		t.Fatal("no services in the raw compose model")
	}
	secretish := regexp.MustCompile(`(?i)(SECRET|PASSWORD|PASSWD|TOKEN|_KEY|DATABASE_URL)`)
	for name, raw := range services {
		svc, _ := raw.(map[string]any)
		env := map[string]string{}
		switch e := svc["environment"].(type) {
		case map[string]any:
			for k, v := range e {
				env[k] = fmt.Sprint(v)
			}
		case []any:
			for _, kv := range e {
				k, v, _ := strings.Cut(fmt.Sprint(kv), "=")
				env[k] = v
			}
		}
		for k, v := range env {
			if secretish.MatchString(k) && v != "" && !strings.Contains(v, "${") {
				t.Errorf("%s: environment %s is a literal (%q); take it from .env as ${%s}", name, k, v, k)
			}
		}
		if cmd, ok := svc["command"].([]any); ok && name != "bbbsim" {
			for _, a := range cmd {
				if strings.Contains(strings.ToLower(fmt.Sprint(a)), "secret") {
					t.Errorf("%s: command carries %q", name, a)
				}
			}
		}
	}

	gi, err := os.ReadFile(filepath.Join(root, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".env", ".data/"} {
		if !slices.Contains(strings.Split(string(gi), "\n"), want) {
			t.Errorf(".gitignore lacks a line %q", want)
		}
	}
	if out, err := exec.Command("git", "-C", root, "ls-files", "--error-unmatch", ".env").CombinedOutput(); err == nil {
		t.Errorf(".env is tracked by git: %s", out)
	}

	env, err := os.ReadFile(filepath.Join(root, ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(env), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || strings.HasPrefix(k, "#") || !secretish.MatchString(k) || v == "" {
			continue
		}
		if !strings.HasPrefix(v, "change-me") {
			t.Errorf(".env.example %s=%q is not a change-me placeholder", k, v)
		}
	}
}

// TestEnvExampleDocumentsEverySetting: every variable docker-compose.yml reads exists in
// .env.example, so an admin sees every setting in one place.
func TestEnvExampleDocumentsEverySetting(t *testing.T) {
	root := repoRoot(t)
	compose, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	env, err := os.ReadFile(filepath.Join(root, ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`\$\{([A-Z0-9_]+)`)
	seen := map[string]bool{}
	for _, line := range strings.Split(string(compose), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, m := range ref.FindAllStringSubmatch(line, -1) {
			if seen[m[1]] {
				continue
			}
			seen[m[1]] = true
			if !regexp.MustCompile(`(?m)^#? ?` + m[1] + `=`).Match(env) {
				t.Errorf("docker-compose.yml reads ${%s} but .env.example does not list it", m[1])
			}
		}
	}
	if len(seen) < 5 {
		t.Errorf("found only %d variables in docker-compose.yml", len(seen))
	}
}

// ---- nginx -----------------------------------------------------------------------------

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

// ---- Go build as in backend/Dockerfile -------------------------------------------------

// shellWords splits a RUN command line the way sh would for the simple cases a
// Dockerfile's go build uses (quotes, no expansions).
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote = r
			inWord = true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

type goBuild struct {
	flags []string // everything between "go build" and the package, minus -o
	pkg   string
}

// dockerfileGoBuilds extracts each `go build` of backend/Dockerfile, and the ENV it sets.
func dockerfileGoBuilds(t *testing.T, path string) ([]goBuild, map[string]string, []string) {
	t.Helper()
	var builds []goBuild
	env := map[string]string{}
	var copied []string
	for _, ins := range dockerfileInstructions(t, path) {
		w := shellWords(ins)
		if len(w) == 0 {
			continue
		}
		switch strings.ToUpper(w[0]) {
		case "ENV":
			for _, kv := range w[1:] {
				if k, v, ok := strings.Cut(kv, "="); ok {
					env[k] = v
				}
			}
		case "COPY":
			if !strings.HasPrefix(w[1], "--from") && len(w) >= 3 {
				copied = append(copied, w[1:len(w)-1]...)
			}
		case "RUN":
			cmds := strings.Split(strings.Join(w[1:], "\x00"), "\x00&&\x00")
			for _, c := range cmds {
				args := strings.Split(c, "\x00")
				if len(args) < 3 || args[0] != "go" || args[1] != "build" {
					continue
				}
				var b goBuild
				rest := args[2:]
				for i := 0; i < len(rest); i++ {
					switch {
					case rest[i] == "-o":
						i++
					case strings.HasPrefix(rest[i], "-"):
						b.flags = append(b.flags, rest[i])
					default:
						b.pkg = rest[i]
					}
				}
				builds = append(builds, b)
			}
		}
	}
	return builds, env, copied
}

func TestGoBuildAsDockerfile(t *testing.T) {
	root := repoRoot(t)
	df := filepath.Join(root, "backend", "Dockerfile")
	builds, env, copied := dockerfileGoBuilds(t, df)
	var pkgs []string
	for _, b := range builds {
		pkgs = append(pkgs, b.pkg)
	}
	slices.Sort(pkgs)
	if want := []string{"./backend/cmd/bbbsim", "./backend/cmd/switchboard"}; !slices.Equal(pkgs, want) {
		t.Fatalf("backend/Dockerfile builds %v, want %v", pkgs, want)
	}
	if env["CGO_ENABLED"] != "0" {
		t.Errorf("backend/Dockerfile does not set CGO_ENABLED=0 (ENV = %v)", env)
	}

	// The builder image's Go must be able to build the module.
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	from := regexp.MustCompile(`(?m)^FROM golang:(\d+\.\d+)`).FindSubmatch(mustRead(t, df))
	if goLine == nil || from == nil || string(goLine[1]) != string(from[1]) {
		t.Errorf("go.mod wants go %s but backend/Dockerfile builds with golang:%s", goLine[1], from[1])
	}

	out := t.TempDir()
	for _, b := range builds {
		if !slices.Contains(b.flags, "-trimpath") || !slices.Contains(b.flags, "-ldflags=-s -w") {
			t.Errorf("go build of %s uses flags %q, want -trimpath -ldflags=\"-s -w\"", b.pkg, b.flags)
		}
		args := append([]string{"build"}, b.flags...)
		args = append(args, "-o", filepath.Join(out, filepath.Base(b.pkg)), b.pkg)
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, o)
			continue
		}
		// Static: what an alpine or distroless image can run.
		if o, err := exec.Command("go", "version", "-m", filepath.Join(out, filepath.Base(b.pkg))).CombinedOutput(); err == nil &&
			!strings.Contains(string(o), "CGO_ENABLED=0") {
			t.Errorf("%s was not built with CGO_ENABLED=0:\n%s", b.pkg, o)
		}
	}

	// Every package of the module the binaries need lies in a directory the Dockerfile
	// COPYs into the build stage (a new top-level Go directory must be added there).
	list := exec.Command("go", append([]string{"list", "-deps", "-f", "{{if .Module}}{{if .Module.Main}}{{.Dir}}{{end}}{{end}}"}, pkgs...)...)
	list.Dir = root
	list.Env = append(os.Environ(), "CGO_ENABLED=0")
	o, err := list.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dir := range strings.Fields(string(o)) {
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			t.Fatal(err)
		}
		ok := false
		for _, c := range copied {
			c = strings.TrimSuffix(strings.TrimPrefix(c, "./"), "/")
			if rel == c || strings.HasPrefix(rel, c+string(filepath.Separator)) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("package directory %s is needed by the binaries but backend/Dockerfile does not COPY it (COPYs %v)", rel, copied)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWebImageBuildsTheSPA: nginx/Dockerfile runs `npm ci` and `npm run build` in frontend/,
// so frontend/ must have a lockfile and a build script writing dist/.
func TestWebImageBuildsTheSPA(t *testing.T) {
	root := repoRoot(t)
	df := string(mustRead(t, filepath.Join(root, "nginx", "Dockerfile")))
	for _, want := range []string{"npm ci", "npm run build", "/etc/nginx/templates/switchboard.conf.template", "SWITCHBOARD_UPSTREAM=", "LISTEN_PORT=", "SPA_ROOT=", "rm -f /etc/nginx/conf.d/default.conf"} {
		if !strings.Contains(df, want) {
			t.Errorf("nginx/Dockerfile lacks %q", want)
		}
	}
	mustExist(t, filepath.Join(root, "frontend", "package-lock.json"), "frontend lockfile for npm ci")
	pkg := string(mustRead(t, filepath.Join(root, "frontend", "package.json")))
	if !regexp.MustCompile(`"build"\s*:`).MatchString(pkg) {
		t.Errorf("frontend/package.json has no build script")
	}
}
