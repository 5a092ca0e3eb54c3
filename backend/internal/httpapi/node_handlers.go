package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"switchboard/backend/internal/cluster"
)

func (s *Server) listNodes(c *gin.Context) {
	nodes, err := s.Nodes.ListNodes(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]nodeView, len(nodes))
	for i, n := range nodes {
		out[i] = viewNode(s.Placement, n)
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) createNode(c *gin.Context) {
	var in cluster.NodeInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	n, err := s.NodeAdmin.Create(c.Request.Context(), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusCreated, viewNode(s.Placement, n))
}

func (s *Server) getNode(c *gin.Context) {
	n, err := s.Nodes.NodeByID(c.Request.Context(), c.Param("id"))
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewNode(s.Placement, n))
}

func (s *Server) updateNode(c *gin.Context) {
	var in cluster.NodeInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, err)
		return
	}
	n, err := s.NodeAdmin.Update(c.Request.Context(), c.Param("id"), in)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, viewNode(s.Placement, n))
}

func (s *Server) deleteNode(c *gin.Context) {
	if err := s.Nodes.DeleteNode(c.Request.Context(), c.Param("id")); err != nil {
		writeError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
