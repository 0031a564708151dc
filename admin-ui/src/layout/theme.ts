import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default theme in the operator's blue, with fonts that carry Chinese well on every platform. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#0b5cab' },
    secondary: { main: '#0a3d73' },
  },
  typography: {
    ...defaultTheme.typography,
    fontFamily: [
      '-apple-system',
      'BlinkMacSystemFont',
      '"Segoe UI"',
      'Roboto',
      '"PingFang SC"',
      '"Hiragino Sans GB"',
      '"Microsoft YaHei"',
      '"Noto Sans CJK SC"',
      '"WenQuanYi Micro Hei"',
      'sans-serif',
    ].join(','),
  },
};
