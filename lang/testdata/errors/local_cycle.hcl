pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}
locals {
  a = "${local.b}-x" # ERROR PC0014
  b = "${local.a}-y"
}
test "unit" {
  image = "node:20"
  run   = ["echo ${local.a}"]
}
