// Command devstack runs the whole Switchboard product on one machine without Docker:
// a PostgreSQL cluster (system initdb/pg_ctl), simulated BBB nodes (bbbsim, in-process),
// the switchboard binary, and nginx with the repo's config serving the built SPA.
//
// `make run` uses it interactively (Ctrl-C stops everything); the end-to-end tests use
// -run, which starts the stack, runs one command against it and exits with its code:
//
//	devstack                                   # .data/ reused across runs, http://localhost:8080
//	devstack -ephemeral -http-port 0 -run -- npm --prefix frontend run e2e
//	devstack -ephemeral -http-port 0 -run 'npm --prefix frontend run e2e'
//
// The command run by -run gets BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, CHROMIUM_PATH (and
// BBBSIM_URL, BBBSIM_SECRET, GATEWAY_SECRET, DATABASE_URL) in its environment.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"switchboard/backend/internal/bbbsim"
	"switchboard/backend/internal/pgcluster"
)

const adminEmail = "admin@switchboard.local"

type options struct {
	data         string
	ephemeral    bool
	httpPort     int
	run          bool
	switchboard  string
	spa          string
	nginxDir     string
	nodes        int
	pollInterval string
}

func main() {
	os.Exit(realMain())
}

func realMain() int {
	var o options
	flag.StringVar(&o.data, "data", ".data", "state directory (Postgres cluster, secrets, logs), reused across runs; relative to the repo root")
	flag.BoolVar(&o.ephemeral, "ephemeral", false, "use a temporary state directory, deleted at exit")
	flag.IntVar(&o.httpPort, "http-port", 8080, "port nginx listens on (127.0.0.1); 0 picks a free one")
	flag.BoolVar(&o.run, "run", false, "run the command given as the remaining arguments against the stack, then stop it and exit with the command's code")
	flag.StringVar(&o.switchboard, "switchboard", "bin/switchboard", "switchboard binary; relative to the repo root")
	flag.StringVar(&o.spa, "spa", "frontend/dist", "built SPA directory; relative to the repo root")
	flag.StringVar(&o.nginxDir, "nginx-dir", "nginx", "directory holding nginx.conf, mime.types and switchboard.conf.template; relative to the repo root")
	flag.IntVar(&o.nodes, "nodes", 2, "number of simulated BBB nodes")
	flag.StringVar(&o.pollInterval, "poll-interval", "", "SWITCHBOARD_POLL_INTERVAL for the app (default: the app's own, unless set in the environment)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: devstack [flags] [-run [--] COMMAND [ARGS...]]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	var runCmd []string
	if o.run {
		runCmd = flag.Args()
		if len(runCmd) == 1 && strings.ContainsAny(runCmd[0], " \t") {
			runCmd = []string{"sh", "-c", runCmd[0]}
		}
		if len(runCmd) == 0 {
			fmt.Fprintln(os.Stderr, "devstack: -run needs a command after the flags")
			return 2
		}
	} else if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "devstack: unexpected arguments %q (did you mean -run?)\n", flag.Args())
		return 2
	}

	s, err := newStack(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer s.shutdown()

	if err := s.start(ctx); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(os.Stderr, "devstack: interrupted")
			return 130
		}
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
	s.printSummary()

	if runCmd != nil {
		return s.runCommand(ctx, stop, runCmd)
	}
	fmt.Println("Press Ctrl-C to stop.")
	select {
	case <-ctx.Done():
		stop() // a second Ctrl-C kills devstack at once (children still get SIGTERM)
		fmt.Println("\nstopping ...")
		return 0
	case err := <-s.died:
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
}

// ---- the stack ---------------------------------------------------------------------------

type child struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{}
	err  error
}

type stack struct {
	o       options
	root    string // repo root
	dir     string // state directory (absolute)
	logDir  string
	nginx   string // nginx binary
	spa     string
	sbBin   string
	secrets map[string]string

	pg      *pgcluster.Cluster
	sim     *bbbsim.Sim
	simBase string
	sbPort  int
	sbChild *child
	ngChild *child
	httpURL string

	died chan error
}

func newStack(o options) (*stack, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	s := &stack{o: o, root: root, died: make(chan error, 2)}

	// Check what we need before starting anything.
	s.sbBin = abs(o.switchboard)
	if fi, err := os.Stat(s.sbBin); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return nil, fmt.Errorf("switchboard binary %s not found: build it with `go build -o bin/switchboard ./backend/cmd/switchboard` (or `make build`)", s.sbBin)
	}
	s.spa = abs(o.spa)
	if _, err := os.Stat(filepath.Join(s.spa, "index.html")); err != nil {
		return nil, fmt.Errorf("no built SPA in %s: run `npm --prefix frontend ci && npm --prefix frontend run build`", s.spa)
	}
	s.nginx, err = findNginx()
	if err != nil {
		return nil, err
	}
	nginxDir := abs(o.nginxDir)
	for _, f := range []string{"nginx.conf", "mime.types", "switchboard.conf.template"} {
		if _, err := os.Stat(filepath.Join(nginxDir, f)); err != nil {
			return nil, fmt.Errorf("nginx config: %v", err)
		}
	}
	s.o.nginxDir = nginxDir

	if o.ephemeral {
		s.dir, err = os.MkdirTemp("", "switchboard-devstack-")
		if err != nil {
			return nil, err
		}
	} else {
		s.dir = abs(o.data)
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			return nil, err
		}
	}
	// Reachable by the unprivileged user Postgres (and nginx workers) run as under root.
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return nil, err
	}
	s.logDir = filepath.Join(s.dir, "logs")
	if err := os.MkdirAll(s.logDir, 0o755); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *stack) start(ctx context.Context) error {
	var err error
	if s.secrets, err = loadSecrets(filepath.Join(s.dir, "secrets.env")); err != nil {
		return err
	}

	// 1. PostgreSQL
	pgLog, err := os.Create(filepath.Join(s.logDir, "postgres.log"))
	if err != nil {
		return err
	}
	fmt.Printf("starting PostgreSQL in %s ...\n", filepath.Join(s.dir, "pg"))
	s.pg, err = pgcluster.Start(ctx, pgcluster.Options{Dir: filepath.Join(s.dir, "pg"), Ephemeral: s.o.ephemeral, Log: pgLog})
	if err != nil {
		return fmt.Errorf("postgres: %v (see %s)", err, pgLog.Name())
	}
	if err := s.pg.CreateDatabase(ctx, "switchboard"); err != nil {
		return err
	}

	// 2. bbbsim, in-process, on a port kept across runs so the seeded node URLs stay valid.
	if err := s.startSim(); err != nil {
		return err
	}

	// 3. switchboard
	if s.sbPort, err = freePort(); err != nil {
		return err
	}
	httpPort := s.o.httpPort
	if httpPort == 0 {
		if httpPort, err = freePort(); err != nil {
			return err
		}
	} else if err := portFree(httpPort); err != nil {
		return fmt.Errorf("http port %d is taken (%v): pick another with -http-port N, or -http-port 0", httpPort, err)
	}
	s.httpURL = fmt.Sprintf("http://localhost:%d", httpPort)
	if err := s.startSwitchboard(ctx); err != nil {
		return err
	}

	// 4. nginx
	return s.startNginx(ctx, httpPort)
}

func (s *stack) startSim() error {
	port, _ := strconv.Atoi(s.secrets["DEVSTACK_BBBSIM_PORT"])
	if port == 0 || portFree(port) != nil {
		p, err := freePort()
		if err != nil {
			return err
		}
		if port != 0 {
			fmt.Printf("bbbsim port %d is taken; using %d (the old node URLs stay in the database as offline nodes)\n", port, p)
		}
		port = p
		s.secrets["DEVSTACK_BBBSIM_PORT"] = strconv.Itoa(port)
		if err := saveSecrets(filepath.Join(s.dir, "secrets.env"), s.secrets); err != nil {
			return err
		}
	}
	s.sim = bbbsim.New(bbbsim.Options{
		Nodes:     s.o.nodes,
		Secret:    s.secrets["BBBSIM_SECRET"],
		PublicURL: fmt.Sprintf("http://127.0.0.1:%d", port),
	})
	base, err := s.sim.Start(fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("bbbsim: %v", err)
	}
	s.simBase = base
	type fileNode struct {
		Name   string `json:"name"`
		Host   string `json:"host"`
		Secret string `json:"secret"`
	}
	var nodes []fileNode
	for i := 1; i <= s.o.nodes; i++ {
		nodes = append(nodes, fileNode{Name: fmt.Sprintf("bbbsim-%d", i), Host: s.sim.NodeAPIURL(i), Secret: s.sim.Secret()})
	}
	b, _ := json.MarshalIndent(nodes, "", "  ")
	return os.WriteFile(filepath.Join(s.dir, "nodes.json"), append(b, '\n'), 0o600)
}

func (s *stack) switchboardEnv() []string {
	env := os.Environ()
	setDefault := func(k, v string) {
		if _, ok := os.LookupEnv(k); !ok && v != "" {
			env = append(env, k+"="+v)
		}
	}
	setDefault("SWITCHBOARD_REGISTRATION", "open")
	setDefault("SWITCHBOARD_POLL_INTERVAL", s.o.pollInterval)
	// These make up the stack: they win over the caller's environment.
	env = append(env,
		"DATABASE_URL="+s.pg.DSN("switchboard"),
		fmt.Sprintf("SWITCHBOARD_LISTEN=127.0.0.1:%d", s.sbPort),
		"SWITCHBOARD_PUBLIC_URL="+s.httpURL,
		"SWITCHBOARD_JWT_SECRET="+s.secrets["SWITCHBOARD_JWT_SECRET"],
		"SWITCHBOARD_GATEWAY_SECRET="+s.secrets["SWITCHBOARD_GATEWAY_SECRET"],
		"SWITCHBOARD_ADMIN_EMAIL="+adminEmail,
		"SWITCHBOARD_ADMIN_PASSWORD="+s.secrets["SWITCHBOARD_ADMIN_PASSWORD"],
		"SWITCHBOARD_NODES_FILE="+filepath.Join(s.dir, "nodes.json"),
		"SWITCHBOARD_TRUSTED_PROXIES=127.0.0.1/32,::1/128",
	)
	return env
}

func (s *stack) startSwitchboard(ctx context.Context) error {
	c, err := s.spawn("switchboard", s.sbBin, []string{"serve"}, s.switchboardEnv())
	if err != nil {
		return err
	}
	s.sbChild = c
	fmt.Printf("starting switchboard on 127.0.0.1:%d ...\n", s.sbPort)
	return s.waitHTTP(ctx, c, fmt.Sprintf("http://127.0.0.1:%d/readyz", s.sbPort), 90*time.Second)
}

// renderTemplate substitutes ${NAME} for the given names only, like the official nginx
// image's envsubst step (which substitutes defined variables only).
func renderTemplate(tmpl string, vars map[string]string) string {
	for k, v := range vars {
		tmpl = strings.ReplaceAll(tmpl, "${"+k+"}", v)
	}
	return tmpl
}

func (s *stack) startNginx(ctx context.Context, httpPort int) error {
	prefix := filepath.Join(s.dir, "nginx")
	for _, d := range []string{prefix, filepath.Join(prefix, "logs"), filepath.Join(prefix, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	for _, f := range []string{"nginx.conf", "mime.types"} {
		b, err := os.ReadFile(filepath.Join(s.o.nginxDir, f))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(prefix, f), b, 0o644); err != nil {
			return err
		}
	}
	tmpl, err := os.ReadFile(filepath.Join(s.o.nginxDir, "switchboard.conf.template"))
	if err != nil {
		return err
	}
	conf := renderTemplate(string(tmpl), map[string]string{
		"SWITCHBOARD_UPSTREAM": fmt.Sprintf("127.0.0.1:%d", s.sbPort),
		"LISTEN_PORT":          fmt.Sprintf("127.0.0.1:%d", httpPort),
		"SPA_ROOT":             s.spa,
	})
	if err := os.WriteFile(filepath.Join(prefix, "switchboard.conf"), []byte(conf), 0o644); err != nil {
		return err
	}
	// A stale pid file from a killed run would only confuse `nginx -s`; we never use it.
	_ = os.Remove(filepath.Join(prefix, "nginx.pid"))

	globals := "daemon off;"
	if os.Geteuid() == 0 {
		// As root nginx would run its workers as nobody, who may not read a checkout
		// under /root; this is a local development server, so keep the caller's user.
		globals += " user root;"
	}
	args := []string{"-p", prefix + "/", "-c", "nginx.conf", "-e", "logs/error.log", "-g", globals}
	if out, err := exec.Command(s.nginx, append([]string{"-t", "-q"}, args...)...).CombinedOutput(); err != nil {
		return fmt.Errorf("nginx rejects %s: %v\n%s", filepath.Join(prefix, "switchboard.conf"), err, out)
	}
	c, err := s.spawn("nginx", s.nginx, args, os.Environ())
	if err != nil {
		return err
	}
	s.ngChild = c
	fmt.Printf("starting nginx on 127.0.0.1:%d ...\n", httpPort)
	if err := s.waitHTTP(ctx, c, fmt.Sprintf("http://127.0.0.1:%d/healthz", httpPort), 20*time.Second); err != nil {
		return fmt.Errorf("%v\n%s", err, tail(filepath.Join(prefix, "logs", "error.log"), 10))
	}
	return nil
}

// spawn starts a child with its output in logs/NAME.log and reports its unexpected death.
func (s *stack) spawn(name, bin string, args, env []string) (*child, error) {
	logPath := filepath.Join(s.logDir, name+".log")
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = s.root
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %v", name, err)
	}
	c := &child{name: name, cmd: cmd, log: logPath, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		f.Close()
		close(c.done)
		select {
		case s.died <- fmt.Errorf("%s exited (%v); last lines of %s:\n%s", name, c.err, logPath, tail(logPath, 15)):
		default:
		}
	}()
	return c, nil
}

// waitHTTP polls url until it answers 200, the child dies, or the timeout passes.
func (s *stack) waitHTTP(ctx context.Context, c *child, url string, timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	var last string
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.done:
			return fmt.Errorf("%s exited during start-up (%v); last lines of %s:\n%s", c.name, c.err, c.log, tail(c.log, 20))
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s not ready at %s after %s (last: %s); see %s", c.name, url, timeout, last, c.log)
		}
	}
}

func (s *stack) printSummary() {
	fmt.Println()
	fmt.Println("Switchboard is running")
	fmt.Printf("  portal        %s\n", s.httpURL)
	fmt.Printf("  admin login   %s / %s\n", adminEmail, s.secrets["SWITCHBOARD_ADMIN_PASSWORD"])
	fmt.Printf("  BBB gateway   %s/bigbluebutton/api  (secret %s)\n", s.httpURL, s.secrets["SWITCHBOARD_GATEWAY_SECRET"])
	for i := 1; i <= s.o.nodes; i++ {
		fmt.Printf("  bbbsim node %d %s  (secret %s)\n", i, s.sim.NodeAPIURL(i), s.sim.Secret())
	}
	fmt.Printf("  metrics       http://127.0.0.1:%d/metrics  (not exposed through nginx)\n", s.sbPort)
	fmt.Printf("  database      %s\n", s.pg.DSN("switchboard"))
	fmt.Printf("  logs          %s\n", strings.Join([]string{
		filepath.Join(s.logDir, "switchboard.log"),
		filepath.Join(s.logDir, "nginx.log"),
		filepath.Join(s.dir, "nginx", "logs", "error.log"),
		filepath.Join(s.dir, "nginx", "logs", "access.log"),
		filepath.Join(s.logDir, "postgres.log"),
		filepath.Join(s.dir, "pg", "postgres.log"),
	}, "\n                "))
	if s.o.ephemeral {
		fmt.Printf("  data          %s (deleted at exit)\n", s.dir)
	} else {
		fmt.Printf("  data          %s (reused by the next run; delete it to start over)\n", s.dir)
	}
	fmt.Println()
}

func (s *stack) runCommand(ctx context.Context, stop context.CancelFunc, argv []string) int {
	env := append(os.Environ(),
		"BASE_URL="+s.httpURL,
		"ADMIN_EMAIL="+adminEmail,
		"ADMIN_PASSWORD="+s.secrets["SWITCHBOARD_ADMIN_PASSWORD"],
		"BBBSIM_URL="+s.simBase,
		"BBBSIM_SECRET="+s.sim.Secret(),
		"GATEWAY_SECRET="+s.secrets["SWITCHBOARD_GATEWAY_SECRET"],
		"DATABASE_URL="+s.pg.DSN("switchboard"),
	)
	if chromium := findChromium(); chromium != "" {
		env = append(env, "CHROMIUM_PATH="+chromium)
	} else {
		fmt.Fprintln(os.Stderr, "devstack: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)")
	}
	fmt.Printf("running %q ...\n", argv)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 127
	}
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	var err error
	select {
	case err = <-waited:
	case <-ctx.Done():
		stop()
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case err = <-waited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			err = <-waited
		}
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if exit.ExitCode() >= 0 {
			return exit.ExitCode()
		}
		return 1
	default:
		fmt.Fprintln(os.Stderr, "devstack:", err)
		return 1
	}
}

// shutdown stops nginx, switchboard, bbbsim and postgres, in that order.
func (s *stack) shutdown() {
	stopChild(s.ngChild, syscall.SIGQUIT, 10*time.Second)
	stopChild(s.sbChild, syscall.SIGTERM, 20*time.Second)
	if s.sim != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_ = s.sim.Shutdown(ctx)
		cancel()
		s.sim.Close()
	}
	if s.pg != nil {
		if err := s.pg.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "devstack: stop postgres:", err)
		}
	}
	if s.o.ephemeral && s.dir != "" {
		if err := os.RemoveAll(s.dir); err != nil {
			fmt.Fprintln(os.Stderr, "devstack: remove", s.dir+":", err)
		}
	}
}

func stopChild(c *child, sig syscall.Signal, grace time.Duration) {
	if c == nil {
		return
	}
	select {
	case <-c.done:
		return
	default:
	}
	_ = c.cmd.Process.Signal(sig)
	select {
	case <-c.done:
	case <-time.After(grace):
		fmt.Fprintf(os.Stderr, "devstack: %s did not stop within %s; killing it\n", c.name, grace)
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
}

// ---- helpers -----------------------------------------------------------------------------

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module switchboard") {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("run devstack inside the switchboard repository (no go.mod of module switchboard above %s)", dir)
		}
	}
}

func findNginx() (string, error) {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p, nil
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/opt/homebrew/bin/nginx", "/usr/local/bin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("nginx not found: install it (Debian/Ubuntu: sudo apt-get install nginx; Fedora: sudo dnf install nginx; macOS: brew install nginx)")
}

func findChromium() string {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func portFree(port int) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return err
	}
	return l.Close()
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// loadSecrets reads KEY=VALUE lines and generates (and saves) whichever secret is missing,
// so the admin password and tokens survive restarts of a persistent data directory.
func loadSecrets(path string) (map[string]string, error) {
	m := map[string]string{}
	if f, err := os.Open(path); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			if k, v, ok := strings.Cut(line, "="); ok {
				m[k] = v
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	gen := map[string]func() string{
		"SWITCHBOARD_JWT_SECRET":     func() string { return randomHex(32) },
		"SWITCHBOARD_GATEWAY_SECRET": func() string { return randomHex(20) },
		"SWITCHBOARD_ADMIN_PASSWORD": func() string { return randomHex(8) },
		"BBBSIM_SECRET":              func() string { return randomHex(16) },
	}
	changed := false
	for k, g := range gen {
		if m[k] == "" {
			m[k] = g()
			changed = true
		}
	}
	if changed {
		if err := saveSecrets(path, m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func saveSecrets(path string, m map[string]string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Generated by devstack on first run; delete a line to get a new value.\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, m[k])
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// tail returns the last n lines of a file, indented.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "    (" + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	lines = slices.DeleteFunc(lines, func(l string) bool { return l == "" })
	for i := range lines {
		lines[i] = "    " + lines[i]
	}
	return strings.Join(lines, "\n")
}
