class BooksController < ApplicationController
  BOOKS = {
    1 => { id: 1, title: "Dune" },
    2 => { id: 2, title: "Kindred" }
  }.freeze

  def show
    book = BOOKS[params[:id].to_i]
    if book
      render json: book
    else
      render json: { error: "book not found" }, status: :not_found
    end
  end
end
