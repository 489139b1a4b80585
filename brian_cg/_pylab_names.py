"""The names that `from brian_cg import *` provides from pylab when matplotlib is installed, as
Brian2's ``from pylab import *`` does (taken from matplotlib 3.11's pylab).

Listed here so that the names exist without importing matplotlib (which costs ~0.5 s); each
is imported from its module when first used (see ``brian_cg._lazy``).
"""
PYPLOT_FUNCTIONS = (
    'acorr', 'angle_spectrum', 'annotate', 'arrow', 'autoscale', 'autumn', 'axes', 'axhline',
    'axhspan', 'axis', 'axline', 'axvline', 'axvspan', 'bar', 'bar_label', 'barbs', 'barh',
    'bone', 'box', 'boxplot', 'broken_barh', 'cla', 'clabel', 'clf', 'clim', 'close', 'cohere',
    'colorbar', 'connect', 'contour', 'contourf', 'cool', 'copper', 'csd', 'delaxes',
    'disconnect', 'draw', 'draw_if_interactive', 'ecdf', 'errorbar', 'eventplot', 'figimage',
    'figlegend', 'fignum_exists', 'figtext', 'figure', 'fill', 'fill_between', 'fill_betweenx',
    'findobj', 'flag', 'gca', 'gcf', 'gci', 'get', 'get_cmap', 'get_current_fig_manager',
    'get_figlabels', 'get_fignums', 'get_plot_commands', 'getp', 'ginput', 'gray', 'grid',
    'grouped_bar', 'hexbin', 'hist', 'hist2d', 'hlines', 'hot', 'hsv', 'imread', 'imsave',
    'imshow', 'inferno', 'install_repl_displayhook', 'ioff', 'ion', 'isinteractive', 'jet',
    'legend', 'locator_params', 'loglog', 'magma', 'magnitude_spectrum', 'margins', 'matshow',
    'minorticks_off', 'minorticks_on', 'new_figure_manager', 'nipy_spectral', 'pause', 'pcolor',
    'pcolormesh', 'phase_spectrum', 'pie', 'pie_label', 'pink', 'plasma', 'plot', 'polar',
    'prism', 'psd', 'quiver', 'quiverkey', 'rc', 'rc_context', 'rcdefaults', 'rgrids',
    'savefig', 'sca', 'scatter', 'sci', 'semilogx', 'semilogy', 'set_cmap', 'set_loglevel',
    'setp', 'show', 'specgram', 'spring', 'spy', 'stackplot', 'stairs', 'stem', 'step',
    'streamplot', 'subplot', 'subplot2grid', 'subplot_mosaic', 'subplot_tool', 'subplots',
    'subplots_adjust', 'summer', 'suptitle', 'switch_backend', 'table', 'text', 'thetagrids',
    'tick_params', 'ticklabel_format', 'tight_layout', 'title', 'tricontour', 'tricontourf',
    'tripcolor', 'triplot', 'twinx', 'twiny', 'uninstall_repl_displayhook', 'violinplot',
    'viridis', 'vlines', 'waitforbuttonpress', 'winter', 'xcorr', 'xkcd', 'xlabel', 'xlim',
    'xscale', 'xticks', 'ylabel', 'ylim', 'yscale', 'yticks',
)

#: other pylab names -> the module that defines them (classes, registries, ``rcParams``...)
PYLAB_OBJECTS = {
    **{name: "matplotlib.ticker" for name in (
        "AutoLocator", "FixedFormatter", "FixedLocator", "FormatStrFormatter", "Formatter",
        "FuncFormatter", "IndexLocator", "LinearLocator", "Locator", "LogFormatter",
        "LogFormatterExponent", "LogFormatterMathtext", "LogLocator", "MaxNLocator",
        "MultipleLocator", "NullFormatter", "NullLocator", "ScalarFormatter", "TickHelper")},
    **{name: "matplotlib.dates" for name in (
        "DateFormatter", "DateLocator", "DayLocator", "HourLocator", "MinuteLocator",
        "MonthLocator", "RRuleLocator", "SecondLocator", "WeekdayLocator", "YearLocator",
        "MO", "TU", "WE", "TH", "FR", "SA", "SU", "relativedelta", "rrule")},
    **{name: "matplotlib.patches" for name in ("Arrow", "Circle", "Polygon", "Rectangle")},
    **{name: "matplotlib.widgets" for name in ("Button", "Slider", "Widget")},
    **{name: "matplotlib.figure" for name in ("Figure", "FigureBase")},
    **{name: "matplotlib.backend_bases" for name in (
        "FigureCanvasBase", "FigureManagerBase", "MouseButton")},
    **{name: "matplotlib.gridspec" for name in ("GridSpec", "SubplotSpec")},
    **{name: "matplotlib.lines" for name in ("AxLine", "Line2D")},
    **{name: "matplotlib.text" for name in ("Annotation", "Text")},
    **{name: "matplotlib.colorizer" for name in ("Colorizer", "ColorizingArtist")},
    **{name: "matplotlib.colors" for name in ("Colormap", "Normalize")},
    **{name: "matplotlib" for name in (
        "rcParams", "rcParamsDefault", "rcParamsOrig", "color_sequences", "colormaps")},
    "Artist": "matplotlib.artist",
    "Axes": "matplotlib.axes",
    "Subplot": "matplotlib.axes",
    "PolarAxes": "matplotlib.projections.polar",
    "BackendFilter": "matplotlib.backends.registry",
    "backend_registry": "matplotlib.backends.registry",
    "silent_list": "matplotlib.cbook",
}

#: pylab functions from modules other than pyplot -> their module
PYLAB_OTHER_FUNCTIONS = {
    **{name: "matplotlib.dates" for name in ("date2num", "datestr2num", "drange", "num2date")},
    **{name: "matplotlib.mlab" for name in (
        "detrend", "detrend_linear", "detrend_mean", "detrend_none", "window_hanning",
        "window_none")},
    "cycler": "cycler",
    "figaspect": "matplotlib.figure",
    "flatten": "matplotlib.cbook",
    "get_backend": "matplotlib",
    "get_scale_names": "matplotlib.scale",
    "interactive": "matplotlib",
}

#: modules in pylab's namespace (``matplotlib`` itself, and those pyplot imports for itself)
PYLAB_MODULES = {
    "matplotlib": "matplotlib", "mpl": "matplotlib", "plt": "matplotlib.pyplot",
    "mlab": "matplotlib.mlab", "cbook": "matplotlib.cbook", "rcsetup": "matplotlib.rcsetup",
    "style": "matplotlib.style",
    "functools": "functools", "importlib": "importlib", "inspect": "inspect", "sys": "sys",
    "threading": "threading", "time": "time",
}

#: pylab's plain constants (the frequencies of dateutil's rrule)
PYLAB_CONSTANTS = {"YEARLY": 0, "MONTHLY": 1, "WEEKLY": 2, "DAILY": 3, "HOURLY": 4, "MINUTELY": 5,
                   "SECONDLY": 6}
