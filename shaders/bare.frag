#version 330 core
// One head-on light, no tone mapping or gamma: the plain shader the frame bench compares with.
in vec3 v_normal;
out vec4 o_color;
void main() {
  float light = abs(normalize(v_normal).z) * 0.7 + 0.3;
  o_color = vec4(vec3(0.86, 0.64, 0.52) * light, 1.0);
}
