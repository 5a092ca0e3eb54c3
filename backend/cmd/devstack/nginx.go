// nginx: render the repo's template and run it as a child with its own prefix.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

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
