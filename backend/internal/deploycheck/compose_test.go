// Package deploycheck validates the deployment files without a Docker engine: the compose
// file is loaded with compose-spec's own Go loader, the nginx template is rendered and
// checked by (and served with) the system nginx, and the Go binaries are built with exactly
// the flags backend/Dockerfile uses.
package deploycheck

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

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
