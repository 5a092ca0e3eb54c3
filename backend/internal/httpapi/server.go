// Package httpapi is Switchboard's HTTP interface (gin): the JSON API, the
// no-JS join routes, health checks and metrics. Handlers decode, call a
// service, and encode; they never touch the database directly.
package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"switchboard/backend/internal/accounts"
	"switchboard/backend/internal/cluster"
	"switchboard/backend/internal/core"
	"switchboard/backend/internal/metrics"
	"switchboard/backend/internal/rooms"
)

// Server wires the HTTP routes to the services.
type Server struct {
	Accounts     *accounts.Service
	Users        core.UserStore
	Rooms        *rooms.Service
	NodeAdmin    *cluster.Admin
	Nodes        core.NodeStore
	Placement    cluster.Placement
	Metrics      *metrics.Metrics
	Ready        func(ctx context.Context) error // database reachable
	PublicURL    string
	Registration bool
	// SecureCookies marks the refresh cookie Secure (PublicURL is https).
	SecureCookies bool
	// TrustedProxies may set X-Forwarded-For / X-Real-IP.
	TrustedProxies []string
	// Gateway, when set, serves /bigbluebutton/api.
	Gateway http.Handler

	loginLimit    *limiter
	registerLimit *limiter
}

// MaxBodyBytes bounds JSON request bodies.
const MaxBodyBytes = 1 << 20

// Handler builds the gin engine.
func (s *Server) Handler() (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	s.loginLimit = newLimiter(10, time.Minute)
	s.registerLimit = newLimiter(20, time.Hour)
	r := gin.New()
	r.RemoveExtraSlash = true
	if err := r.SetTrustedProxies(s.TrustedProxies); err != nil {
		return nil, err
	}
	r.RemoteIPHeaders = []string{"X-Real-IP", "X-Forwarded-For"}
	r.Use(recoverJSON(), s.observe())
	r.NoRoute(func(c *gin.Context) { writeError(c, core.Errorf(core.ENotFound, "No such route.")) })
	r.NoMethod(func(c *gin.Context) { writeError(c, core.Errorf(core.ENotFound, "No such route.")) })
	r.HandleMethodNotAllowed = true

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/readyz", s.readyz)
	r.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.Metrics.Registry, promhttp.HandlerOpts{})))

	api := r.Group("/api/v1", limitBody(MaxBodyBytes), s.authenticate())
	api.GET("/config", s.config)
	api.POST("/auth/register", s.register)
	api.POST("/auth/login", s.login)
	api.POST("/auth/refresh", s.refresh)
	api.POST("/auth/logout", s.logout)
	api.GET("/me", requireUser, s.me)

	api.GET("/rooms", requireUser, s.listRooms)
	api.POST("/rooms", requireUser, s.createRoom)
	api.GET("/rooms/:id", requireUser, s.getRoom)
	api.PATCH("/rooms/:id", requireUser, s.updateRoom)
	api.DELETE("/rooms/:id", requireUser, s.deleteRoom)
	api.POST("/rooms/:id/rotate-links", requireUser, s.rotateLinks)

	api.GET("/public/rooms/:slug", s.publicRoom)
	api.GET("/public/moderator/:key", s.publicModerator)
	api.POST("/join", s.join)

	admin := api.Group("/admin", requireAdmin)
	admin.GET("/nodes", s.listNodes)
	admin.POST("/nodes", s.createNode)
	admin.GET("/nodes/:id", s.getNode)
	admin.PATCH("/nodes/:id", s.updateNode)
	admin.DELETE("/nodes/:id", s.deleteNode)
	admin.GET("/users", s.listUsers)
	admin.PATCH("/users/:id", s.updateUser)
	admin.DELETE("/users/:id", s.deleteUser)

	r.GET("/join/m/:key", s.joinModeratorRedirect)
	r.GET("/join/:slug", s.joinAttendeeRedirect)

	if s.Gateway != nil {
		gw := gin.WrapH(s.Gateway)
		r.Any("/bigbluebutton/api", gw)
		r.Any("/bigbluebutton/api/*call", gw)
	}
	return r, nil
}

func (s *Server) readyz(c *gin.Context) {
	if err := s.Ready(c.Request.Context()); err != nil {
		writeError(c, core.Errorf(core.EUnavailable, "The database is not reachable."))
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
}

func (s *Server) config(c *gin.Context) {
	reg := "closed"
	if s.Registration {
		reg = "open"
	}
	c.JSON(http.StatusOK, gin.H{"registration": reg, "public_url": s.PublicURL})
}
