pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
secret "unused" {} # WARNING PC0028
variable "spare" { # WARNING PC0032
  default = "x"
}
test "unit" {
  image = "node:20"
  run   = ["npm test"]
}
