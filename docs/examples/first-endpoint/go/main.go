package main

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

type Book struct {
	ID    int    `json:"id"`
	Title string `json:"title"`
}

var books = map[int]Book{
	1: {ID: 1, Title: "Dune"},
	2: {ID: 2, Title: "Kindred"},
}

func main() {
	router := gin.Default()

	router.GET("/health", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"status": "ok"})
	})

	router.GET("/books/:id", func(c *gin.Context) {
		id, err := strconv.Atoi(c.Param("id"))
		book, found := books[id]
		if err != nil || !found {
			c.JSON(http.StatusNotFound, gin.H{"error": "book not found"})
			return
		}
		c.JSON(http.StatusOK, book)
	})

	router.Run(":8080")
}
