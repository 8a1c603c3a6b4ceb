pipeline "app" {
  repository = "github.com/org/app"
}
locals {
  s16 = format("%0512d", 0)
  s15 = "${local.s16}${local.s16}"
  s14 = "${local.s15}${local.s15}"
  s13 = "${local.s14}${local.s14}"
  s12 = "${local.s13}${local.s13}"
  s11 = "${local.s12}${local.s12}"
  s10 = "${local.s11}${local.s11}"
  s9  = "${local.s10}${local.s10}"
  s8  = "${local.s9}${local.s9}"
  s7  = "${local.s8}${local.s8}"
  s6  = "${local.s7}${local.s7}"
  s5  = "${local.s6}${local.s6}"
  s4  = "${local.s5}${local.s5}"
  s3  = "${local.s4}${local.s4}"
  s2  = "${local.s3}${local.s3}"
  s1  = "${local.s2}${local.s2}"
  s0  = "${local.s1}${local.s1}"    # ERROR PC0023
  big = "${local.s0}${local.s0}"
}
test "pad" {
  image = "alpine"
  run   = [indent(900000000, "a\nb"), format("%0900000000d", 1)] # ERROR PC0022
}
test "product" {
  image = "alpine"
  run   = [length(setproduct(range(100), range(100), range(100)))] # ERROR PC0022
}
test "replace" {
  image = "alpine"
  run   = [replace(local.s4, "", local.s4)] # ERROR PC0022
}
test "doubled" {
  image = "alpine"
  run   = [local.big]
}
test "matrix" {
  image  = "alpine"
  matrix = { a = ["1", "2", "3", "4", "5", "6", "7"], b = ["1", "2", "3", "4", "5", "6", "7"], c = ["1", "2", "3", "4", "5", "6"] } # ERROR PC0009
  run    = ["echo ${matrix.a}${matrix.b}${matrix.c}"]
}
test "loops" {
  image = "alpine"
  run   = [length(flatten([for a in range(100) : [for b in range(100) : [for c in range(100) : c]]]))] # ERROR PC0023
}
