# Read every table of a data package with the R frictionless package, and print what it read as
# JSON: per table, the number of rows, the column names and the number of missing cells per column.
# Usage: Rscript tests/read_with_r.R path/to/datapackage.json
suppressPackageStartupMessages(library(frictionless))

package <- suppressMessages(read_package(commandArgs(trailingOnly = TRUE)[1]))
tables <- Filter(function(r) identical(r$type, "table"), package$resources)
read <- lapply(tables, function(resource) {
  data <- read_resource(package, resource$name)
  list(
    name = resource$name,
    rows = nrow(data),
    columns = names(data),
    missing = as.list(colSums(is.na(data))),
    problems = nrow(readr::problems(data))
  )
})
cat(jsonlite::toJSON(read, auto_unbox = TRUE))
