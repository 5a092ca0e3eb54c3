package deploycheck

// Tests that backend/Dockerfile's go build lines work here with the same flags,
// so the image build cannot drift from what CI compiles.

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

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
