package com.example.atlas;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class AtlasApplication {

    record Book(long id, String title) {}

    private static final Map<Long, Book> BOOKS = Map.of(
            1L, new Book(1, "Dune"),
            2L, new Book(2, "Kindred"));

    public static void main(String[] args) {
        SpringApplication.run(AtlasApplication.class, args);
    }

    @GetMapping("/health")
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }

    @GetMapping("/books/{id}")
    public ResponseEntity<?> book(@PathVariable long id) {
        Book book = BOOKS.get(id);
        if (book == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "book not found"));
        }
        return ResponseEntity.ok(book);
    }
}
