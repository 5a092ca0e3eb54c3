package httpapi

import (
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/accounts"
	"switchboard/backend/internal/core"
)

const refreshCookie = "sb_refresh"

type userView struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
	// CreatedAt helps admins read the users list.
	CreatedAt string `json:"created_at"`
}

func viewUser(u *core.User) userView {
	return userView{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, CreatedAt: u.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")}
}

func (s *Server) setRefreshCookie(c *gin.Context, sess *accounts.Session) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: refreshCookie, Value: sess.RefreshToken, Path: "/api/v1/auth",
		MaxAge: int(sess.RefreshTTL.Seconds()), HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
}

func (s *Server) clearRefreshCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: refreshCookie, Value: "", Path: "/api/v1/auth", MaxAge: -1,
		HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode})
}

func (s *Server) register(c *gin.Context) {
	if limited(c, s.registerLimit, "sign-ups") {
		return
	}
	var in accounts.RegisterInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	sess, err := s.Accounts.Register(c.Request.Context(), in)
	if err != nil {
		writeError(c, err)
		return
	}
	s.setRefreshCookie(c, sess)
	c.JSON(http.StatusCreated, gin.H{"user": viewUser(sess.User), "access_token": sess.AccessToken, "expires_in": sess.ExpiresIn})
}

// limited answers 429 with Retry-After when the client IP is over l's limit.
func limited(c *gin.Context, l *limiter, what string) bool {
	ok, wait := l.allow(c.ClientIP())
	if ok {
		return false
	}
	secs := int(math.Ceil(wait.Seconds()))
	c.Header("Retry-After", strconv.Itoa(secs))
	writeError(c, core.Errorf(core.ERateLimited, "Too many %s from your address. Try again in %d seconds.", what, secs))
	return true
}

func (s *Server) login(c *gin.Context) {
	if limited(c, s.loginLimit, "sign-in attempts") {
		return
	}
	var in accounts.LoginInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	sess, err := s.Accounts.Login(c.Request.Context(), in)
	if err != nil {
		writeError(c, err)
		return
	}
	s.setRefreshCookie(c, sess)
	c.JSON(http.StatusOK, gin.H{"user": viewUser(sess.User), "access_token": sess.AccessToken, "expires_in": sess.ExpiresIn})
}

func (s *Server) refresh(c *gin.Context) {
	token, _ := c.Cookie(refreshCookie)
	sess, err := s.Accounts.Refresh(c.Request.Context(), token)
	if err != nil {
		if core.ErrorCode(err) == core.EUnauthorized {
			s.clearRefreshCookie(c)
		}
		writeError(c, err)
		return
	}
	s.setRefreshCookie(c, sess)
	c.JSON(http.StatusOK, gin.H{"access_token": sess.AccessToken, "expires_in": sess.ExpiresIn, "user": viewUser(sess.User)})
}

func (s *Server) logout(c *gin.Context) {
	token, _ := c.Cookie(refreshCookie)
	if err := s.Accounts.Logout(c.Request.Context(), token); err != nil {
		writeError(c, err)
		return
	}
	s.clearRefreshCookie(c)
	c.Status(http.StatusNoContent)
}

func (s *Server) me(c *gin.Context) {
	c.JSON(http.StatusOK, viewUser(callerOf(c)))
}

func (s *Server) listUsers(c *gin.Context) {
	users, err := s.Users.ListUsers(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]userView, len(users))
	for i, u := range users {
		out[i] = viewUser(u)
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) updateUser(c *gin.Context) {
	var in accounts.UserUpdate
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	u, err := s.Accounts.UpdateUser(c.Request.Context(), callerOf(c), c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewUser(u))
}

func (s *Server) deleteUser(c *gin.Context) {
	if err := s.Accounts.DeleteUser(c.Request.Context(), callerOf(c), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
